package org.adminprovisioning.cognito.inmemory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The pool's challenge sessions: opaque, single-use, valid for 3 minutes from when they were
 * issued, each for one user and one step of a sign-in. Not thread-safe: the pool's lock guards it.
 */
final class PoolSessions {

    /** Cognito's default authentication-flow session duration. */
    static final Duration VALIDITY = Duration.ofMinutes(3);
    static final String EXPIRED = "Invalid session for the user, session is expired.";

    /** Which answer a session waits for. */
    enum Kind {
        NEW_PASSWORD_REQUIRED,
        /** {@code MFA_SETUP} issued: {@code AssociateSoftwareToken} comes next. */
        MFA_SETUP,
        /** A secret was associated: {@code VerifySoftwareToken} comes next. */
        MFA_SETUP_ASSOCIATED,
        /** The secret was verified: {@code RespondToAuthChallenge(MFA_SETUP)} comes next. */
        MFA_SETUP_VERIFIED,
        SOFTWARE_TOKEN_MFA
    }

    /** @param pendingSecret the TOTP secret being set up, only for {@link Kind#MFA_SETUP_ASSOCIATED} */
    record Session(Kind kind, String username, Instant expiresAt, String pendingSecret) {
    }

    private final Map<String, Session> sessions = new HashMap<>();
    private final Clock clock;
    private final SecureRandom random;

    PoolSessions(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    String open(Kind kind, String username, String pendingSecret) {
        sessions.values().removeIf(s -> clock.instant().isAfter(s.expiresAt()));
        byte[] bytes = new byte[192];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        sessions.put(token, new Session(kind, username, clock.instant().plus(VALIDITY), pendingSecret));
        return token;
    }

    /**
     * Takes the session out (single use): it must exist, be unexpired, wait for this kind of answer and,
     * when {@code username} is given, belong to that user.
     *
     * @throws software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException otherwise,
     *         with Cognito's message
     */
    Session take(String token, Kind expected, String username) {
        Session session = token == null ? null : sessions.remove(token);
        if (session == null || clock.instant().isAfter(session.expiresAt()) || session.kind() != expected
                || (username != null && !session.username().equals(username))) {
            throw PoolErrors.notAuthorized(EXPIRED);
        }
        return session;
    }

    /** Puts a taken session back, unchanged, for another try (a wrong code, a refused password). */
    void restore(String token, Session session) {
        sessions.put(token, session);
    }
}
