package org.adminprovisioning.cognito;

/** The pool's password policy rejected a new password ({@code InvalidPasswordException}). */
public class PasswordPolicyViolationException extends CognitoException {

    public PasswordPolicyViolationException(String message, Throwable cause) {
        super(message, cause);
    }
}
