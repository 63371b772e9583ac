package org.adminprovisioning.scim;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the service supports, as RFC 7644 §4 lets a client discover it: {@code /ServiceProviderConfig}
 * (patch and filter yes; bulk, sort, ETags and password changes no), {@code /ResourceTypes} and
 * {@code /Schemas} (the User attributes kept), read from {@code scim/discovery.json}. Any other path
 * under {@code /scim} answers a SCIM 404, or 405 for a method an endpoint does not take.
 */
@RestController
class ScimDiscoveryController extends ScimEndpoints {

    private static final Pattern KNOWN = Pattern.compile(
            "/scim/v2/(Users(/[^/]+)?|ServiceProviderConfig|ResourceTypes(/[^/]+)?|Schemas(/[^/]+)?)/?");

    private final JsonNode discovery;

    ScimDiscoveryController(JsonMapper json) throws IOException {
        try (InputStream in = new ClassPathResource("scim/discovery.json").getInputStream()) {
            this.discovery = json.readTree(in);
        }
    }

    @GetMapping("/scim/v2/ServiceProviderConfig")
    ResponseEntity<JsonNode> serviceProviderConfig() {
        return answer(located(discovery.get("serviceProviderConfig"), "/ServiceProviderConfig"));
    }

    @GetMapping("/scim/v2/ResourceTypes")
    ResponseEntity<ScimListResponse<JsonNode>> resourceTypes() {
        return list(all("resourceTypes", "/ResourceTypes/"));
    }

    @GetMapping("/scim/v2/ResourceTypes/{id}")
    ResponseEntity<JsonNode> resourceType(@PathVariable String id) {
        return answer(one(all("resourceTypes", "/ResourceTypes/"), id, "resource type"));
    }

    @GetMapping("/scim/v2/Schemas")
    ResponseEntity<ScimListResponse<JsonNode>> schemas() {
        return list(all("schemas", "/Schemas/"));
    }

    @GetMapping("/scim/v2/Schemas/{id}")
    ResponseEntity<JsonNode> schema(@PathVariable String id) {
        return answer(one(all("schemas", "/Schemas/"), id, "schema"));
    }

    /** Everything else under {@code /scim}: groups, bulk, {@code /Me}, {@code .search}, unknown paths. */
    @RequestMapping({"/scim", "/scim/**"})
    ResponseEntity<Object> unsupported(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (KNOWN.matcher(path).matches() && !path.endsWith("/.search")) {
            return ScimMessages.error(new ScimException(405, null, request.getMethod() + " is not supported on "
                    + path, null));
        }
        return ScimMessages.error(ScimException.notFound("No such SCIM endpoint: only /Users, "
                + "/ServiceProviderConfig, /ResourceTypes and /Schemas exist here (no groups, no bulk)"));
    }

    private List<JsonNode> all(String kind, String path) {
        List<JsonNode> located = new ArrayList<>();
        discovery.get(kind).forEach(node -> located.add(located(node, path + node.get("id").asString())));
        return located;
    }

    private static JsonNode one(List<JsonNode> nodes, String id, String what) {
        return nodes.stream().filter(node -> node.get("id").asString().equals(id)).findFirst()
                .orElseThrow(() -> ScimException.notFound("No " + what + " " + id));
    }

    private static JsonNode located(JsonNode node, String path) {
        ObjectNode copy = (ObjectNode) node.deepCopy();
        ((ObjectNode) copy.get("meta")).put("location", scimBase() + path);
        return copy;
    }

    private static ResponseEntity<JsonNode> answer(JsonNode node) {
        return ResponseEntity.ok().contentType(ScimMessages.SCIM_JSON).body(node);
    }

    private static ResponseEntity<ScimListResponse<JsonNode>> list(List<JsonNode> nodes) {
        return ResponseEntity.ok().contentType(ScimMessages.SCIM_JSON)
                .body(new ScimListResponse<>(nodes.size(), 1, nodes));
    }
}
