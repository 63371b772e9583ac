package org.adminprovisioning.scim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The part of RFC 7644 §3.4.2.2's filter language that identity providers use to find a user
 * before they create it: {@code attribute eq value}, several joined by {@code and}. Attributes:
 * {@code userName}, {@code externalId}, {@code id}, {@code active}, and the email
 * ({@code emails.value}, {@code emails[type eq "work"].value}). Names and operators in any letter
 * case; values are JSON strings or {@code true}/{@code false}. Anything else is refused with
 * {@code 400 invalidFilter}.
 */
record ScimFilter(List<Condition> conditions) {

    enum Attribute {
        USER_NAME, EXTERNAL_ID, ID, ACTIVE
    }

    /** {@code attribute eq value}; {@code value} is a {@link String} or a {@link Boolean}. */
    record Condition(Attribute attribute, Object value) {
    }

    static final ScimFilter NONE = new ScimFilter(List.of());

    static ScimFilter parse(String filter) {
        if (filter == null || filter.isBlank()) {
            return NONE;
        }
        Tokens tokens = new Tokens(filter);
        List<Condition> conditions = new ArrayList<>();
        do {
            conditions.add(condition(tokens));
        } while (tokens.nextIsKeyword("and"));
        if (!tokens.atEnd()) {
            throw invalid("only 'attribute eq value' joined by 'and' is supported, near '" + tokens.rest() + "'");
        }
        return new ScimFilter(List.copyOf(conditions));
    }

    private static Condition condition(Tokens tokens) {
        String path = tokens.word();
        String operator = tokens.word();
        if (!"eq".equalsIgnoreCase(operator)) {
            throw invalid("the operator '" + operator + "' is not supported; only eq is");
        }
        Attribute attribute = attribute(path);
        Object value = tokens.value();
        if (attribute == Attribute.ACTIVE ? !(value instanceof Boolean) : !(value instanceof String)) {
            throw invalid(path + " is compared with " + (attribute == Attribute.ACTIVE ? "true or false" : "a string"));
        }
        return new Condition(attribute, value);
    }

    private static Attribute attribute(String path) {
        String name = path.toLowerCase(Locale.ROOT);
        if (name.startsWith(ScimUser.SCHEMA.toLowerCase(Locale.ROOT) + ":")) {
            name = name.substring(ScimUser.SCHEMA.length() + 1);
        }
        return switch (name) {
            case "username", "emails.value", "emails[type eq \"work\"].value", "emails[primary eq true].value" ->
                Attribute.USER_NAME;
            case "externalid" -> Attribute.EXTERNAL_ID;
            case "id" -> Attribute.ID;
            case "active" -> Attribute.ACTIVE;
            default -> throw invalid("filtering by '" + path + "' is not supported; userName, externalId, id, "
                    + "active and emails.value are");
        };
    }

    static ScimException invalid(String detail) {
        return ScimException.badRequest("invalidFilter", "Invalid filter: " + detail);
    }

    /** Words (an attribute path may hold a bracketed value filter), JSON strings and literals. */
    private static final class Tokens {

        private final String text;
        private int at;

        Tokens(String text) {
            this.text = text;
        }

        boolean atEnd() {
            skipBlanks();
            return at >= text.length();
        }

        String rest() {
            return text.substring(Math.min(at, text.length()));
        }

        boolean nextIsKeyword(String keyword) {
            skipBlanks();
            int end = at + keyword.length();
            if (end < text.length() && text.regionMatches(true, at, keyword, 0, keyword.length())
                    && Character.isWhitespace(text.charAt(end))) {
                at = end;
                return true;
            }
            return false;
        }

        String word() {
            skipBlanks();
            int start = at;
            int depth = 0;
            while (at < text.length() && (depth > 0 || !Character.isWhitespace(text.charAt(at)))) {
                char c = text.charAt(at);
                if (c == '[') {
                    depth++;
                } else if (c == ']') {
                    depth--;
                } else if (c == '"' && depth > 0) {
                    at = endOfString(at);
                    continue;
                }
                at++;
            }
            if (start == at) {
                throw invalid("it ends too early");
            }
            // Inside brackets, blanks are kept but collapsed, so the path compares as written above.
            return text.substring(start, at).replaceAll("\\s+", " ");
        }

        Object value() {
            skipBlanks();
            if (at < text.length() && text.charAt(at) == '"') {
                int end = endOfString(at);
                String value = unescape(text.substring(at + 1, end - 1));
                at = end;
                return value;
            }
            String literal = word().toLowerCase(Locale.ROOT);
            return switch (literal) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw invalid("'" + literal + "' is neither a quoted string nor true or false");
            };
        }

        /** The index just past the closing quote of the JSON string starting at {@code start}. */
        private int endOfString(int start) {
            for (int i = start + 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    return i + 1;
                }
            }
            throw invalid("a string is not closed");
        }

        private static String unescape(String escaped) {
            StringBuilder value = new StringBuilder(escaped.length());
            for (int i = 0; i < escaped.length(); i++) {
                char c = escaped.charAt(i);
                value.append(c == '\\' && i + 1 < escaped.length() ? escaped.charAt(++i) : c);
            }
            return value.toString();
        }

        private void skipBlanks() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }
    }
}
