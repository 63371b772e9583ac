package org.adminprovisioning.cognito.inmemory;

import java.time.Instant;

/**
 * An "email" the in-memory pool sent instead of Cognito. Only the default profile has these; an
 * invitation carries its temporary password and a password reset its code, exactly as Cognito's
 * emails do.
 *
 * @param temporaryPassword the invitation's temporary password; {@code null} in other emails
 * @param code              the password-reset code; {@code null} in other emails
 */
public record OutboxMessage(String to, String subject, String body, String username, String temporaryPassword,
        Instant sentAt, String code) {

    /** An invitation, worded like Cognito's default invitation message. */
    public OutboxMessage(String to, String subject, String body, String username, String temporaryPassword,
            Instant sentAt) {
        this(to, subject, body, username, temporaryPassword, sentAt, null);
    }

    /** A password-reset code, worded like Cognito's default verification message. */
    static OutboxMessage resetCode(String to, String username, String code, Instant sentAt) {
        return new OutboxMessage(to, "Your verification code", "Your verification code is " + code + ".", username,
                null, sentAt, code);
    }

    @Override
    public String toString() {
        return "OutboxMessage[to=" + to + ", subject=" + subject + ", sentAt=" + sentAt + "]";
    }
}
