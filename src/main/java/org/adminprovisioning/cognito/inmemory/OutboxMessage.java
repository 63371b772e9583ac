package org.adminprovisioning.cognito.inmemory;

import java.time.Instant;

/**
 * An "email" the in-memory pool sent instead of Cognito. Only the default profile has these; the
 * temporary password is here because the invitation carries it, exactly as Cognito's email does.
 */
public record OutboxMessage(String to, String subject, String body, String username, String temporaryPassword,
        Instant sentAt) {

    @Override
    public String toString() {
        return "OutboxMessage[to=" + to + ", subject=" + subject + ", sentAt=" + sentAt + "]";
    }
}
