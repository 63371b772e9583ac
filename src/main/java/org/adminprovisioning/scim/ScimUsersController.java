package org.adminprovisioning.scim;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;

/**
 * {@code /scim/v2/Users} (RFC 7644 §3), thin: the authenticated connector's name and the body go to
 * {@link ScimUsers}; answers are {@code application/scim+json}. {@code attributes},
 * {@code excludedAttributes} and {@code sortBy} are ignored: every answer carries the few attributes
 * there are, in creation order.
 */
@RestController
@RequestMapping("/scim/v2/Users")
class ScimUsersController extends ScimEndpoints {

    private final ScimUsers users;

    ScimUsersController(ScimUsers users) {
        this.users = users;
    }

    @PostMapping
    ResponseEntity<ScimUser> create(@RequestBody JsonNode body, Authentication connector) {
        ScimUser created = users.create(connector.getName(), body).locatedUnder(scimBase());
        return ResponseEntity.status(HttpStatus.CREATED).location(created.location(scimBase()))
                .contentType(ScimMessages.SCIM_JSON).body(created);
    }

    @GetMapping
    ResponseEntity<ScimListResponse<ScimUser>> search(@RequestParam(required = false) String filter,
            @RequestParam(required = false) Integer startIndex, @RequestParam(required = false) Integer count,
            Authentication connector) {
        ScimListResponse<ScimUser> found = users.search(connector.getName(), filter, startIndex, count);
        return ResponseEntity.ok().contentType(ScimMessages.SCIM_JSON).body(new ScimListResponse<>(
                found.totalResults(), found.startIndex(),
                found.resources().stream().map(user -> user.locatedUnder(scimBase())).toList()));
    }

    @GetMapping("/{id}")
    ResponseEntity<ScimUser> get(@PathVariable String id, Authentication connector) {
        return answer(users.get(connector.getName(), id));
    }

    @PatchMapping("/{id}")
    ResponseEntity<ScimUser> patch(@PathVariable String id, @RequestBody JsonNode body, Authentication connector) {
        return answer(users.patch(connector.getName(), id, body));
    }

    @PutMapping("/{id}")
    ResponseEntity<ScimUser> replace(@PathVariable String id, @RequestBody JsonNode body, Authentication connector) {
        return answer(users.replace(connector.getName(), id, body));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, Authentication connector) {
        users.delete(connector.getName(), id);
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<ScimUser> answer(ScimUser user) {
        return ResponseEntity.ok().contentType(ScimMessages.SCIM_JSON).body(user.locatedUnder(scimBase()));
    }
}
