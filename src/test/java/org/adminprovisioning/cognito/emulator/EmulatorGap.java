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
    DISABLED_USER_SIGN_IN,

    /**
     * {@code MFA_SETUP} with a session: {@code RespondToAuthChallenge(NEW_PASSWORD_REQUIRED)} answers it in
     * a pool that requires MFA, then {@code AssociateSoftwareToken} and {@code VerifySoftwareToken} take
     * its session and {@code RespondToAuthChallenge(MFA_SETUP)} completes the sign-in.
     */
    MFA_SETUP,

    /** A TOTP code accepted once is refused when sent again in the same 30-second step. */
    TOTP_REPLAY,

    /** {@code ConfirmForgotPassword} refuses a code that is not the one emailed. */
    RESET_CODE_CHECK,

    /** {@code ConfirmForgotPassword} applies the pool's password policy to the new password. */
    RESET_PASSWORD_POLICY
}
