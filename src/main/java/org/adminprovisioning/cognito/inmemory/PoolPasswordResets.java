package org.adminprovisioning.cognito.inmemory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.adminprovisioning.cognito.CognitoProperties;
import org.adminprovisioning.cognito.PasswordPolicy;
import org.adminprovisioning.cognito.inmemory.PoolAuthentication.Directory;

import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeDeliveryDetailsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeMismatchException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ConfirmForgotPasswordRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ConfirmForgotPasswordResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeliveryMediumType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExpiredCodeException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ForgotPasswordRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ForgotPasswordResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

/**
 * The in-memory pool's password resets, answering as Cognito answers: {@code ForgotPassword} emails a
 * 6-digit code valid for an hour (to the outbox, worded like Cognito's verification message),
 * {@code ConfirmForgotPassword} sets the new password with it. Not thread-safe: the pool's lock guards it.
 */
final class PoolPasswordResets {

    /** How long an emailed password-reset code works. */
    static final Duration RESET_CODE_VALIDITY = Duration.ofHours(1);

    private final CognitoProperties settings;
    private final PasswordPolicy policy;
    private final InMemoryOutbox outbox;
    private final Clock clock;
    private final Directory directory;
    private final SecureRandom random;

    PoolPasswordResets(CognitoProperties settings, PasswordPolicy policy, InMemoryOutbox outbox, Clock clock,
            Directory directory, SecureRandom random) {
        this.settings = settings;
        this.policy = policy;
        this.outbox = outbox;
        this.clock = clock;
        this.directory = directory;
        this.random = random;
    }

    /** Emails a 6-digit code; answers as if it had for a user it does not know (no enumeration). */
    ForgotPasswordResponse forgotPassword(ForgotPasswordRequest request) {
        PoolErrors.checkClient(settings, request.clientId());
        Optional<PoolUser> found = directory.lookup(request.username());
        if (found.isEmpty()) {
            return codeSentTo(request.username());
        }
        PoolUser user = found.get();
        if (!user.enabled) {
            throw PoolErrors.notAuthorized("User is disabled.");
        }
        if (user.status == UserStatusType.FORCE_CHANGE_PASSWORD) {
            throw PoolErrors.notAuthorized("User password cannot be reset in the current state.");
        }
        String code = String.format("%06d", random.nextInt(1_000_000));
        user.setResetCode(code, clock.instant().plus(RESET_CODE_VALIDITY));
        outbox.send(OutboxMessage.resetCode(user.email, user.username, code, clock.instant()));
        return codeSentTo(user.email);
    }

    ConfirmForgotPasswordResponse confirmForgotPassword(ConfirmForgotPasswordRequest request) {
        PoolErrors.checkClient(settings, request.clientId());
        PoolUser user = directory.lookup(request.username()).orElse(null);
        if (user == null || !user.resetCodeMatches(request.confirmationCode())) {
            throw PoolErrors.error(CodeMismatchException.builder(), "CodeMismatchException",
                    "Invalid verification code provided, please try again.");
        }
        if (user.resetCodeExpired(clock.instant())) {
            throw PoolErrors.error(ExpiredCodeException.builder(), "ExpiredCodeException",
                    "Invalid code provided, please request a code again.");
        }
        if (!user.enabled) {
            throw PoolErrors.notAuthorized("User is disabled.");
        }
        PoolErrors.checkPolicy(policy, request.password());
        user.setPassword(request.password(), null);
        user.clearResetCode();
        user.status = UserStatusType.CONFIRMED;
        user.modifiedAt = clock.instant();
        return ConfirmForgotPasswordResponse.builder().build();
    }

    private static ForgotPasswordResponse codeSentTo(String email) {
        return ForgotPasswordResponse.builder().codeDeliveryDetails(CodeDeliveryDetailsType.builder()
                .destination(masked(email)).deliveryMedium(DeliveryMediumType.EMAIL).attributeName("email").build())
                .build();
    }

    /** As Cognito shows a destination: {@code a***@e***}. */
    static String masked(String email) {
        int at = email.indexOf('@');
        if (at <= 0 || at == email.length() - 1) {
            return "***";
        }
        return email.charAt(0) + "***@" + email.charAt(at + 1) + "***";
    }
}
