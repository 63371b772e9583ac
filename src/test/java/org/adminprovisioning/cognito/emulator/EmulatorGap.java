package org.adminprovisioning.cognito.emulator;

/**
 * Behaviours of real Cognito that an emulator does not reproduce (measured, see
 * {@code shared/EMULATORS.md}). A scenario that needs one is skipped on that emulator with the
 * reason named, never silently; {@code CognitoWireContractTests} covers what neither emulator does.
 */
public enum EmulatorGap {

    /** {@code RespondToAuthChallenge} refuses a new password that breaks the pool's policy. */
    NEW_PASSWORD_POLICY,

    /** {@code InitiateAuth} refuses a wrong temporary password. */
    TEMPORARY_PASSWORD_CHECK,

    /** {@code AdminCreateUser} with {@code MessageAction=RESEND} re-sends the invitation to the same user. */
    RESEND_INVITE,

    /** {@code AdminUserGlobalSignOut} signs the user out of every device. */
    GLOBAL_SIGN_OUT,

    /** {@code InitiateAuth} refuses a disabled user. */
    DISABLED_USER_SIGN_IN
}
