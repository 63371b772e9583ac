package org.adminprovisioning.cognito.inmemory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.adminprovisioning.cognito.CognitoProperties;
import org.adminprovisioning.cognito.PasswordPolicy;
import org.adminprovisioning.cognito.inmemory.InMemoryPoolProperties.Mfa;
import org.adminprovisioning.cognito.inmemory.PoolSessions.Kind;
import org.adminprovisioning.cognito.inmemory.PoolSessions.Session;

import software.amazon.awssdk.services.cognitoidentityprovider.model.AssociateSoftwareTokenRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AssociateSoftwareTokenResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeMismatchException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.EnableSoftwareTokenMfaException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExpiredCodeException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifySoftwareTokenRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifySoftwareTokenResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifySoftwareTokenResponseType;

/**
 * The sign-in half of {@link InMemoryUserPool}, answering as Cognito answers: passwords and their
 * expiry, {@code NEW_PASSWORD_REQUIRED}, software-token MFA ({@code MFA_SETUP} with
 * {@code AssociateSoftwareToken} and {@code VerifySoftwareToken}, then {@code SOFTWARE_TOKEN_MFA}) with
 * real TOTP codes, and refresh tokens. Not thread-safe: the pool calls it under its lock.
 */
final class PoolAuthentication {

    /** Cognito's default refresh-token validity. */
    static final Duration REFRESH_TOKEN_VALIDITY = Duration.ofDays(30);
    static final String TEMPORARY_PASSWORD_EXPIRED = "Temporary password has expired and must be reset by an "
            + "administrator.";

    /** How the pool finds a user by username or email. */
    interface Directory {
        Optional<PoolUser> lookup(String usernameOrEmail);
    }

    private record RefreshGrant(String username, Instant issuedAt, String originJti) {
    }

    /** What a sign-in step answers: a challenge with its session and parameters, or tokens. */
    private record Next(ChallengeNameType challenge, String session, Map<String, String> parameters,
            AuthenticationResultType result) {
    }

    private final CognitoProperties settings;
    private final PasswordPolicy policy;
    private final InMemoryTokenIssuer tokens;
    private final Clock clock;
    private final Mfa mfa;
    private final Directory directory;
    private final SecureRandom random;
    private final PoolSessions sessions;
    private final Map<String, RefreshGrant> refreshGrants = new HashMap<>();

    PoolAuthentication(CognitoProperties settings, PasswordPolicy policy, InMemoryTokenIssuer tokens, Clock clock,
            Mfa mfa, Directory directory, SecureRandom random) {
        this.settings = settings;
        this.policy = policy;
        this.tokens = tokens;
        this.clock = clock;
        this.mfa = mfa;
        this.directory = directory;
        this.random = random;
        this.sessions = new PoolSessions(clock, random);
    }

    InitiateAuthResponse initiateAuth(InitiateAuthRequest request) {
        checkClient(request.clientId());
        Map<String, String> parameters = request.authParameters();
        Next next;
        if (request.authFlow() == AuthFlowType.USER_PASSWORD_AUTH) {
            next = password(parameters.get("USERNAME"), parameters.get("PASSWORD"));
        } else if (request.authFlow() == AuthFlowType.REFRESH_TOKEN_AUTH
                || request.authFlow() == AuthFlowType.REFRESH_TOKEN) {
            next = refresh(parameters.get("REFRESH_TOKEN"));
        } else {
            throw PoolErrors.error(InvalidParameterException.builder(), "InvalidParameterException",
                    "Auth flow not enabled for this client");
        }
        return InitiateAuthResponse.builder().challengeName(next.challenge()).session(next.session())
                .challengeParameters(next.parameters()).authenticationResult(next.result()).build();
    }

    RespondToAuthChallengeResponse respondToAuthChallenge(RespondToAuthChallengeRequest request) {
        checkClient(request.clientId());
        Map<String, String> answers = request.challengeResponses();
        PoolUser user = directory.lookup(answers.get("USERNAME")).orElse(null);
        // An unknown user matches no session: the answer is the same as for a forged session.
        String username = user == null ? "" : user.username;
        String token = request.session();
        Next next;
        if (request.challengeName() == ChallengeNameType.NEW_PASSWORD_REQUIRED) {
            next = newPassword(token, sessions.take(token, Kind.NEW_PASSWORD_REQUIRED, username), user,
                    answers.get("NEW_PASSWORD"));
        } else if (request.challengeName() == ChallengeNameType.MFA_SETUP) {
            sessions.take(token, Kind.MFA_SETUP_VERIFIED, username);
            next = signedIn(enabled(user));
        } else if (request.challengeName() == ChallengeNameType.SOFTWARE_TOKEN_MFA) {
            Session session = sessions.take(token, Kind.SOFTWARE_TOKEN_MFA, username);
            enabled(user).lastTotpStep = acceptedStep(user.totpSecret, answers.get("SOFTWARE_TOKEN_MFA_CODE"),
                    user.lastTotpStep, () -> sessions.restore(token, session), PoolErrors.error(
                            CodeMismatchException.builder(), "CodeMismatchException", "Invalid code received for user"));
            next = signedIn(user);
        } else {
            throw PoolErrors.error(InvalidParameterException.builder(), "InvalidParameterException",
                    "Unsupported challenge: " + request.challengeNameAsString());
        }
        return RespondToAuthChallengeResponse.builder().challengeName(next.challenge()).session(next.session())
                .challengeParameters(next.parameters()).authenticationResult(next.result()).build();
    }

    /** With the session of {@code MFA_SETUP} (the sign-in's setup), or an access token (a signed-in user adds an app). */
    AssociateSoftwareTokenResponse associateSoftwareToken(AssociateSoftwareTokenRequest request) {
        String secret = Totp.newSecret(random);
        if (request.session() != null) {
            Session session = sessions.take(request.session(), Kind.MFA_SETUP, null);
            return AssociateSoftwareTokenResponse.builder().secretCode(secret)
                    .session(sessions.open(Kind.MFA_SETUP_ASSOCIATED, session.username(), secret)).build();
        }
        userOfAccessToken(request.accessToken()).pendingTotpSecret = secret;
        return AssociateSoftwareTokenResponse.builder().secretCode(secret).build();
    }

    VerifySoftwareTokenResponse verifySoftwareToken(VerifySoftwareTokenRequest request) {
        CognitoIdentityProviderException mismatch = PoolErrors.error(EnableSoftwareTokenMfaException.builder(),
                "EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA mode");
        if (request.session() != null) {
            String token = request.session();
            Session session = sessions.take(token, Kind.MFA_SETUP_ASSOCIATED, null);
            PoolUser user = directory.lookup(session.username())
                    .orElseThrow(() -> PoolErrors.notAuthorized(PoolSessions.EXPIRED));
            user.lastTotpStep = acceptedStep(session.pendingSecret(), request.userCode(), Long.MIN_VALUE,
                    () -> sessions.restore(token, session), mismatch);
            user.totpSecret = session.pendingSecret();
            user.modifiedAt = clock.instant();
            return VerifySoftwareTokenResponse.builder().status(VerifySoftwareTokenResponseType.SUCCESS)
                    .session(sessions.open(Kind.MFA_SETUP_VERIFIED, user.username, null)).build();
        }
        PoolUser user = userOfAccessToken(request.accessToken());
        if (user.pendingTotpSecret == null) {
            throw PoolErrors.error(InvalidParameterException.builder(), "InvalidParameterException",
                    "No software token is being associated with the user");
        }
        user.lastTotpStep = acceptedStep(user.pendingTotpSecret, request.userCode(), Long.MIN_VALUE, () -> { },
                mismatch);
        // Cognito also wants SetUserMFAPreference here; the in-memory pool enables a verified app at once.
        user.totpSecret = user.pendingTotpSecret;
        user.pendingTotpSecret = null;
        user.modifiedAt = clock.instant();
        return VerifySoftwareTokenResponse.builder().status(VerifySoftwareTokenResponseType.SUCCESS).build();
    }

    private Next password(String typed, String password) {
        PoolUser user = directory.lookup(typed).orElse(null);
        // Like a pool with "prevent user existence errors": an unknown user looks like a wrong password.
        if (user == null || !user.passwordMatches(password)) {
            throw PoolErrors.notAuthorized("Incorrect username or password.");
        }
        enabled(user);
        if (user.status == UserStatusType.FORCE_CHANGE_PASSWORD) {
            if (clock.instant().isAfter(user.passwordExpiresAt)) {
                throw PoolErrors.notAuthorized(TEMPORARY_PASSWORD_EXPIRED);
            }
            return new Next(ChallengeNameType.NEW_PASSWORD_REQUIRED,
                    sessions.open(Kind.NEW_PASSWORD_REQUIRED, user.username, null),
                    Map.of("USER_ID_FOR_SRP", user.username, "requiredAttributes", "[]",
                            "userAttributes", "{\"email_verified\":\"true\",\"email\":\"" + user.email + "\"}"),
                    null);
        }
        return afterPassword(user);
    }

    private Next newPassword(String token, Session session, PoolUser user, String newPassword) {
        if (user.status != UserStatusType.FORCE_CHANGE_PASSWORD) {
            throw PoolErrors.notAuthorized(PoolSessions.EXPIRED);
        }
        try {
            PoolErrors.checkPolicy(policy, newPassword);
        } catch (CognitoIdentityProviderException refused) {
            // Cognito keeps the session usable for another try after a policy refusal.
            sessions.restore(token, session);
            throw refused;
        }
        user.setPassword(newPassword, null);
        user.status = UserStatusType.CONFIRMED;
        user.modifiedAt = clock.instant();
        return afterPassword(user);
    }

    /** The password is settled: the second factor the pool's MFA setting asks for, or tokens. */
    private Next afterPassword(PoolUser user) {
        if (mfa != Mfa.OFF && user.hasSoftwareToken()) {
            return new Next(ChallengeNameType.SOFTWARE_TOKEN_MFA,
                    sessions.open(Kind.SOFTWARE_TOKEN_MFA, user.username, null),
                    Map.of("USER_ID_FOR_SRP", user.username), null);
        }
        if (mfa == Mfa.REQUIRED) {
            return new Next(ChallengeNameType.MFA_SETUP, sessions.open(Kind.MFA_SETUP, user.username, null),
                    Map.of("MFAS_CAN_SETUP", "[\"SOFTWARE_TOKEN_MFA\"]", "USER_ID_FOR_SRP", user.username), null);
        }
        return signedIn(user);
    }

    private Next refresh(String refreshToken) {
        RefreshGrant grant = refreshToken == null ? null : refreshGrants.get(refreshToken);
        if (grant == null || clock.instant().isAfter(grant.issuedAt().plus(REFRESH_TOKEN_VALIDITY))) {
            throw PoolErrors.notAuthorized("Invalid Refresh Token");
        }
        PoolUser user = directory.lookup(grant.username())
                .orElseThrow(() -> PoolErrors.notAuthorized("Invalid Refresh Token"));
        if (user.signedOutAt != null && !grant.issuedAt().isAfter(user.signedOutAt)) {
            refreshGrants.remove(refreshToken);
            throw PoolErrors.notAuthorized("Refresh Token has been revoked");
        }
        enabled(user);
        return new Next(null, null, Map.of(), tokensFor(user, grant.originJti()).build());
    }

    private Next signedIn(PoolUser user) {
        Instant now = clock.instant();
        refreshGrants.values().removeIf(grant -> now.isAfter(grant.issuedAt().plus(REFRESH_TOKEN_VALIDITY)));
        String originJti = UUID.randomUUID().toString();
        String refreshToken = randomToken(96);
        refreshGrants.put(refreshToken, new RefreshGrant(user.username, now, originJti));
        return new Next(null, null, Map.of(), tokensFor(user, originJti).refreshToken(refreshToken).build());
    }

    private AuthenticationResultType.Builder tokensFor(PoolUser user, String originJti) {
        List<String> groups = List.copyOf(user.groups);
        return AuthenticationResultType.builder()
                .accessToken(tokens.accessToken(user.username, user.sub, groups, originJti))
                .idToken(tokens.idToken(user.username, user.sub, user.email, groups, originJti))
                .expiresIn((int) InMemoryTokenIssuer.TOKEN_VALIDITY.toSeconds())
                .tokenType("Bearer");
    }

    /**
     * The step of a TOTP code of the secret within one step of now, never of a step already used (RFC
     * 6238 §5.2: an accepted code is not accepted again). On refusal {@code onRefusal} puts the session
     * back for another try, then {@code mismatch} (or Cognito's replay error) is thrown.
     */
    private long acceptedStep(String secret, String code, long lastUsed, Runnable onRefusal,
            CognitoIdentityProviderException mismatch) {
        OptionalLong step = secret == null ? OptionalLong.empty() : Totp.matchingStep(secret, code, clock.instant());
        if (step.isEmpty()) {
            onRefusal.run();
            throw mismatch;
        }
        if (step.getAsLong() <= lastUsed) {
            onRefusal.run();
            throw PoolErrors.error(ExpiredCodeException.builder(), "ExpiredCodeException",
                    "Your software token has already been used once.");
        }
        return step.getAsLong();
    }

    private static PoolUser enabled(PoolUser user) {
        if (!user.enabled) {
            throw PoolErrors.notAuthorized("User is disabled.");
        }
        return user;
    }

    private PoolUser userOfAccessToken(String accessToken) {
        return tokens.usernameOf(accessToken == null ? "" : accessToken).flatMap(directory::lookup)
                .orElseThrow(() -> PoolErrors.notAuthorized("Invalid Access Token"));
    }

    private void checkClient(String clientId) {
        PoolErrors.checkClient(settings, clientId);
    }

    private String randomToken(int bytes) {
        byte[] buffer = new byte[bytes];
        random.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }
}
