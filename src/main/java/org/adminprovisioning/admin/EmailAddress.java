package org.adminprovisioning.admin;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A normalized email address: trimmed and lower-case, so that {@code Ann@Example.com} and
 * {@code ann@example.com} are the same admin everywhere (database, journal and Cognito).
 */
public record EmailAddress(String value) {

    /** Local part and domain as Cognito accepts them for the {@code email} attribute, kept strict. */
    private static final Pattern SHAPE = Pattern.compile(
            "^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$");
    private static final int MAX_LENGTH = 254;

    public EmailAddress {
        if (value == null || value.length() > MAX_LENGTH || !SHAPE.matcher(value).matches()
                || value.startsWith(".") || value.contains("..") || value.indexOf('@') > 64) {
            throw new InvalidEmailException("'" + abbreviate(value) + "' is not a valid email address");
        }
    }

    /** Trims, lower-cases and validates. */
    public static EmailAddress of(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidEmailException("An email address is required");
        }
        return new EmailAddress(raw.trim().toLowerCase(Locale.ROOT));
    }

    private static String abbreviate(String value) {
        if (value == null) {
            return "";
        }
        return value.length() > 80 ? value.substring(0, 80) + "…" : value;
    }

    @Override
    public String toString() {
        return value;
    }
}
