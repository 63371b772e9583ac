package org.adminprovisioning.cognito.inmemory;

import java.util.List;

import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /dev/outbox[?to=email]}: the invitations the in-memory pool "emailed", oldest first,
 * so a person can walk the whole flow with curl. It hands out temporary passwords to anyone, so it
 * exists in the default profile only (no profile active): never under {@code cognito}, where
 * Cognito sends real emails, nor under {@code postgres} or any other profile.
 */
@RestController
@Profile("default")
class DevOutboxController {

    private final InMemoryOutbox outbox;

    DevOutboxController(InMemoryOutbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping("/dev/outbox")
    List<OutboxMessage> outbox(@RequestParam(required = false) String to) {
        return to == null ? outbox.all() : outbox.to(to);
    }
}
