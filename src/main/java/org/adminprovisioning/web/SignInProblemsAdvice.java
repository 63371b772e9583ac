package org.adminprovisioning.web;

import org.adminprovisioning.auth.NoChallengePendingException;
import org.adminprovisioning.auth.TooManySignInAttemptsException;
import org.adminprovisioning.cognito.InvalidCodeException;
import org.adminprovisioning.cognito.InvalidCredentialsException;
import org.adminprovisioning.cognito.InvalidMfaCodeException;
import org.adminprovisioning.cognito.RefreshTokenRejectedException;
import org.adminprovisioning.cognito.SessionExpiredException;
import org.adminprovisioning.cognito.TemporaryPasswordExpiredException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The sign-in flows' failures as problems: what the person signing in can do next, never whether
 * the account exists. Consulted before {@link ProblemDetailsAdvice}, whose catch-all would
 * otherwise answer these exceptions first.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class SignInProblemsAdvice {

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidCredentials(InvalidCredentialsException e) {
        // Cognito does not say whether the user exists or the password was wrong; neither do we.
        return Problems.answer(ProblemType.INVALID_CREDENTIALS, "Incorrect username or password.");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> refreshTokenRejected(RefreshTokenRejectedException e) {
        return Problems.answer(ProblemType.INVALID_CREDENTIALS, "Your session has ended. Please sign in again.");
    }

    /** Cognito tells it only to someone who knows the temporary password: it reveals nothing to a guesser. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> inviteExpired(TemporaryPasswordExpiredException e) {
        return Problems.answer(ProblemType.INVITE_EXPIRED, "Your invitation has expired. Ask an administrator to send "
                + "you a new invitation, then sign in with the temporary password it contains.");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidMfaCode(InvalidMfaCodeException e) {
        return Problems.answer(ProblemType.INVALID_MFA_CODE, "That code is not right, or it was already used. Enter the "
                + "current 6-digit code from your authenticator app.");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> sessionExpired(SessionExpiredException e) {
        return Problems.answer(ProblemType.SESSION_EXPIRED, "Your sign-in took too long and has expired. Please sign "
                + "in again.");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidCode(InvalidCodeException e) {
        return Problems.answer(ProblemType.INVALID_CODE, "That code is not right or has expired. Check the code in "
                + "the latest email, or ask for a new one.");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> noChallenge(NoChallengePendingException e) {
        return Problems.answer(ProblemType.NO_CHALLENGE_PENDING, e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> tooManyAttempts(TooManySignInAttemptsException e) {
        long seconds = Math.max(1, e.retryAfter().toSeconds() + (e.retryAfter().toNanosPart() > 0 ? 1 : 0));
        return Problems.retryLater(ProblemType.TOO_MANY_ATTEMPTS, e.getMessage(), seconds);
    }
}
