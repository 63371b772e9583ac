package org.adminprovisioning.cognito;

/**
 * Cognito's {@code UserStatusType}, mirrored so that nothing outside {@code cognito} needs the SDK.
 * {@link #UNKNOWN} stands for any value this build does not know yet.
 */
public enum CognitoUserStatus {
    UNCONFIRMED,
    CONFIRMED,
    ARCHIVED,
    COMPROMISED,
    RESET_REQUIRED,
    FORCE_CHANGE_PASSWORD,
    EXTERNAL_PROVIDER,
    UNKNOWN;

    /** Maps Cognito's wire value ("FORCE_CHANGE_PASSWORD", …); unknown or null gives {@link #UNKNOWN}. */
    public static CognitoUserStatus fromWire(String value) {
        if (value == null) {
            return UNKNOWN;
        }
        for (CognitoUserStatus status : values()) {
            if (status.name().equals(value)) {
                return status;
            }
        }
        return UNKNOWN;
    }
}
