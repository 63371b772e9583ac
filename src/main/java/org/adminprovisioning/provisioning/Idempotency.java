package org.adminprovisioning.provisioning;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import org.adminprovisioning.admin.AdminResponse;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key}s: the same caller's same key with the same request answers what the first
 * request answered, without doing anything again; with another request it is refused. Keys belong to
 * the admin who sent them and expire ({@code provisioning.idempotency-key-lifetime}).
 */
@Component
class Idempotency {

    private final Journal journal;
    private final JsonMapper json;
    private final ProvisioningProperties properties;

    Idempotency(Journal journal, JsonMapper json, ProvisioningProperties properties) {
        this.journal = journal;
        this.json = json;
        this.properties = properties;
    }

    /** The caller's earlier request with this key, if any and not expired; empty for no key. */
    Optional<JournalEntry> previous(Actor actor, String key) {
        return key == null ? Optional.empty()
                : journal.byIdempotencyKey(actor.adminId(), key, properties.idempotencyKeyLifetime());
    }

    /** What identifies a request for its key: the operation and what it is applied to. */
    static String hash(Operation operation, String subject) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((operation + ":" + subject).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The first request's answer: its admin when it completed (or, for a change our database holds
     * already, while Cognito's part is pending); its failure when it failed.
     *
     * @throws OperationFailedException the key was used for another request ({@code KEY_REUSED}), the
     *                                  first request is still running ({@code KEY_IN_PROGRESS}), or
     *                                  it failed (its own reason)
     */
    OperationOutcome replay(JournalEntry previous, String requestHash) {
        if (!requestHash.equals(previous.getRequestHash())) {
            throw new OperationFailedException(FailureReason.KEY_REUSED,
                    "This Idempotency-Key was used for a different request");
        }
        switch (previous.getState()) {
            case COMPLETED:
                return new OperationOutcome.Done(answerOf(previous));
            case FAILED, VERIFYING, ROLLED_BACK:
                FailureReason reason = previous.getFailureReason();
                throw new OperationFailedException(reason, "This Idempotency-Key's request failed: "
                        + (previous.getState() == OperationState.ROLLED_BACK
                                ? "nothing was changed. Retry with a new key." : describe(reason)));
            default:
                if (previous.getResponseBody() != null) {
                    return new OperationOutcome.Pending(answerOf(previous));
                }
                throw new OperationFailedException(FailureReason.KEY_IN_PROGRESS,
                        "A request with this Idempotency-Key is still being processed; retry later");
        }
    }

    AdminResponse answerOf(JournalEntry entry) {
        return json.readValue(entry.getResponseBody(), AdminResponse.class);
    }

    String bodyOf(AdminResponse admin) {
        return json.writeValueAsString(admin);
    }

    private static String describe(FailureReason reason) {
        return reason.name().toLowerCase().replace('_', ' ');
    }
}
