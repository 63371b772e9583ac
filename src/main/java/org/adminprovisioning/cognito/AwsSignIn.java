package org.adminprovisioning.cognito;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AssociateSoftwareTokenResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeMismatchException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.EnableSoftwareTokenMfaException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExpiredCodeException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifySoftwareTokenResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifySoftwareTokenResponseType;

/**
 * The sign-in half of {@link AwsCognitoGateway}: {@code InitiateAuth}, {@code RespondToAuthChallenge},
 * the software-token calls and the password reset, with their SDK requests, the challenges they answer
 * and the errors each step can meet. Split from the gateway to keep each class readable; still the SDK
 * edge, never used on its own.
 */
final class AwsSignIn {

    /** What a step is called in messages, and whether it carries a challenge session. */
    enum Step {
        PASSWORD("InitiateAuth", false),
        NEW_PASSWORD("RespondToAuthChallenge(NEW_PASSWORD_REQUIRED)", true),
        ASSOCIATE("AssociateSoftwareToken", true),
        VERIFY("VerifySoftwareToken", true),
        MFA_SETUP("RespondToAuthChallenge(MFA_SETUP)", true),
        MFA("RespondToAuthChallenge(SOFTWARE_TOKEN_MFA)", true),
        REFRESH("InitiateAuth(REFRESH_TOKEN_AUTH)", false),
        FORGOT("ForgotPassword", false),
        CONFIRM("ConfirmForgotPassword", false);

        final String operation;
        final boolean hasSession;

        Step(String operation, boolean hasSession) {
            this.operation = operation;
            this.hasSession = hasSession;
        }
    }

    static final String EXPIRED_TEMPORARY_PASSWORD = "temporary password has expired";

    private final CognitoIdentityProviderClient client;
    private final CognitoProperties pool;
    private final Function<String, java.util.Optional<String>> secretHash;
    private final CognitoCalls calls;

    AwsSignIn(CognitoIdentityProviderClient client, CognitoProperties pool,
            Function<String, java.util.Optional<String>> secretHash, CognitoCalls calls) {
        this.client = client;
        this.pool = pool;
        this.secretHash = secretHash;
        this.calls = calls;
    }

    SignInResult signIn(String username, String password) {
        InitiateAuthResponse response = call(Step.PASSWORD, () -> client.initiateAuth(r -> r.clientId(pool.clientId())
                .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(withSecretHash(username, Map.of("USERNAME", username, "PASSWORD", password)))),
                password);
        return next(response.challengeName(), response.challengeNameAsString(), response.challengeParameters(),
                response.session(), response.authenticationResult(), username);
    }

    SignInResult respondToNewPasswordChallenge(String username, String session, String newPassword) {
        RespondToAuthChallengeResponse response = respond(Step.NEW_PASSWORD, ChallengeNameType.NEW_PASSWORD_REQUIRED,
                session, username, Map.of("NEW_PASSWORD", newPassword), newPassword);
        return next(response.challengeName(), response.challengeNameAsString(), response.challengeParameters(),
                response.session(), response.authenticationResult(), username);
    }

    AuthTokens completeMfaSetup(String username, String session, String code) {
        VerifySoftwareTokenResponse verified = call(Step.VERIFY, () -> client.verifySoftwareToken(r -> r.session(session)
                .userCode(code)), session, code);
        if (verified.status() != VerifySoftwareTokenResponseType.SUCCESS) {
            throw new InvalidMfaCodeException(Step.VERIFY.operation + " answered " + verified.statusAsString(), null);
        }
        // Cognito answers a fresh session for the last step; an emulator may keep the old one.
        String next = verified.session() == null ? session : verified.session();
        return tokensOf(Step.MFA_SETUP, respond(Step.MFA_SETUP, ChallengeNameType.MFA_SETUP, next, username, Map.of()));
    }

    AuthTokens respondToMfaChallenge(String username, String session, String code) {
        return tokensOf(Step.MFA, respond(Step.MFA, ChallengeNameType.SOFTWARE_TOKEN_MFA, session, username,
                Map.of("SOFTWARE_TOKEN_MFA_CODE", code), code));
    }

    AuthTokens refreshTokens(String username, String refreshToken) {
        Map<String, String> parameters = new HashMap<>();
        parameters.put("REFRESH_TOKEN", refreshToken);
        // With a client secret Cognito checks SECRET_HASH over the pool's username, sent alongside.
        secretHash.apply(username).ifPresent(hash -> {
            parameters.put("USERNAME", username);
            parameters.put("SECRET_HASH", hash);
        });
        InitiateAuthResponse response = call(Step.REFRESH, () -> client.initiateAuth(r -> r.clientId(pool.clientId())
                .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(parameters)), refreshToken);
        if (response.authenticationResult() == null) {
            throw new CognitoUnavailableException(Step.REFRESH.operation + " answered the " + response.challengeNameAsString()
                    + " challenge instead of tokens", null);
        }
        return AwsCognitoGateway.toTokens(response.authenticationResult());
    }

    void forgotPassword(String username) {
        call(Step.FORGOT, () -> client.forgotPassword(r -> r.clientId(pool.clientId()).username(username)
                .secretHash(secretHash.apply(username).orElse(null))));
    }

    void confirmForgotPassword(String username, String code, String newPassword) {
        call(Step.CONFIRM, () -> client.confirmForgotPassword(r -> r.clientId(pool.clientId()).username(username)
                .confirmationCode(code).password(newPassword)
                .secretHash(secretHash.apply(username).orElse(null))), code, newPassword);
    }

    private RespondToAuthChallengeResponse respond(Step step, ChallengeNameType challenge, String session,
            String username, Map<String, String> answers, String... secrets) {
        Map<String, String> responses = new HashMap<>(answers);
        responses.put("USERNAME", username);
        String[] all = append(secrets, session);
        return call(step, () -> client.respondToAuthChallenge(r -> r.clientId(pool.clientId())
                .challengeName(challenge)
                .session(session)
                .challengeResponses(withSecretHash(username, responses))), all);
    }

    /**
     * The step's answer as a value: tokens, or the challenge to answer next. {@code MFA_SETUP} is
     * answered with {@code AssociateSoftwareToken} right away, so the caller gets the secret to show.
     */
    private SignInResult next(ChallengeNameType challenge, String challengeName, Map<String, String> parameters,
            String session, AuthenticationResultType result, String username) {
        if (result != null) {
            return new SignInResult.Authenticated(AwsCognitoGateway.toTokens(result));
        }
        String challenged = challengedUsername(parameters, username);
        if (challenge == ChallengeNameType.NEW_PASSWORD_REQUIRED) {
            return new SignInResult.NewPasswordRequired(challenged, session);
        }
        if (challenge == ChallengeNameType.SOFTWARE_TOKEN_MFA) {
            return new SignInResult.SoftwareTokenMfaRequired(challenged, session);
        }
        if (challenge == ChallengeNameType.MFA_SETUP && offersSoftwareToken(parameters)) {
            AssociateSoftwareTokenResponse associated = call(Step.ASSOCIATE,
                    () -> client.associateSoftwareToken(r -> r.session(session)), session);
            return new SignInResult.MfaSetupRequired(challenged,
                    associated.session() == null ? session : associated.session(), associated.secretCode());
        }
        throw new CognitoUnavailableException("Cognito asked for the " + challengeName + " challenge, which this "
                + "service does not answer: allow software-token (TOTP) MFA on the pool, not SMS or email", null);
    }

    /**
     * Whether {@code MFA_SETUP} offers an authenticator app. Cognito's {@code MFAS_CAN_SETUP} is a JSON array
     * in a string, e.g. {@code "[\"SMS_MFA\",\"SOFTWARE_TOKEN_MFA\"]"}; moto 5.2.1 sends a bare JSON array,
     * which the SDK's string-map reader scatters into keys ({@code {MFAS_CAN_SETUP=[, SOFTWARE_TOKEN_MFA=]}}).
     * Absent means any.
     */
    static boolean offersSoftwareToken(Map<String, String> parameters) {
        String offered = parameters.get("MFAS_CAN_SETUP");
        return offered == null || offered.contains("SOFTWARE_TOKEN_MFA") || parameters.containsKey("SOFTWARE_TOKEN_MFA");
    }

    /**
     * The pool's own username for the challenged user: the one {@code RespondToAuthChallenge} (and
     * its {@code SECRET_HASH}) must use. Cognito sends it as {@code USER_ID_FOR_SRP} (a UUID when
     * the admin signed in with the email of an email-as-username pool); moto sends
     * {@code USERNAME} instead. Only when neither is there is the name the caller gave kept.
     */
    static String challengedUsername(Map<String, String> parameters, String given) {
        String username = parameters.get("USER_ID_FOR_SRP");
        if (username == null || username.isBlank()) {
            username = parameters.get("USERNAME");
        }
        return username == null || username.isBlank() ? given : username;
    }

    private static AuthTokens tokensOf(Step step, RespondToAuthChallengeResponse response) {
        if (response.authenticationResult() == null) {
            throw new CognitoUnavailableException(step.operation + " answered the " + response.challengeNameAsString()
                    + " challenge instead of tokens", null);
        }
        return AwsCognitoGateway.toTokens(response.authenticationResult());
    }

    private Map<String, String> withSecretHash(String username, Map<String, String> parameters) {
        Map<String, String> all = new HashMap<>(parameters);
        secretHash.apply(username).ifPresent(hash -> all.put("SECRET_HASH", hash));
        return all;
    }

    private <T> T call(Step step, Supplier<T> action, String... secrets) {
        try {
            return calls.call(step.operation, action);
        } catch (SdkException e) {
            throw translate(step, e, secrets);
        }
    }

    /**
     * The step's own reading of Cognito's errors, then {@link CognitoErrors#translateAuth}'s. The
     * secrets the step sent are masked in the message: an emulator may echo a session or a code.
     */
    static CognitoException translate(Step step, SdkException e, String... secrets) {
        String message = step.operation + " failed: " + CognitoErrors.describe(e, secrets);
        String cognitoMessage = CognitoErrors.errorMessage(e).toLowerCase(Locale.ROOT);
        if (e instanceof NotAuthorizedException) {
            if (step == Step.PASSWORD && cognitoMessage.contains(EXPIRED_TEMPORARY_PASSWORD)) {
                return new TemporaryPasswordExpiredException(message, e);
            }
            if (step.hasSession && cognitoMessage.contains("session")) {
                return new SessionExpiredException(message, e);
            }
        }
        if (step == Step.REFRESH && (e instanceof NotAuthorizedException || e instanceof UserNotFoundException)) {
            return new RefreshTokenRejectedException(message, e);
        }
        if ((step == Step.VERIFY || step == Step.MFA) && (e instanceof CodeMismatchException
                || e instanceof EnableSoftwareTokenMfaException || e instanceof ExpiredCodeException)) {
            return new InvalidMfaCodeException(message, e);
        }
        if (step == Step.CONFIRM && (e instanceof CodeMismatchException || e instanceof ExpiredCodeException
                || e instanceof UserNotFoundException)) {
            return new InvalidCodeException(message, e);
        }
        return CognitoErrors.translateAuth(step.operation, e, secrets);
    }

    private static String[] append(String[] secrets, String more) {
        String[] all = java.util.Arrays.copyOf(secrets, secrets.length + 1);
        all[secrets.length] = more;
        return all;
    }
}
