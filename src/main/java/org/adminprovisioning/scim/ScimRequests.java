package org.adminprovisioning.scim;

import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * What a SCIM request body asks of an admin, read leniently the way identity providers write it:
 * attribute names and PATCH {@code op}s in any letter case, booleans as JSON booleans or as the
 * strings Entra ID sends ({@code "False"}), a PATCH operation with a {@code path} or (as Okta sends
 * it) with an object {@code value} and no path. Attributes this service does not keep (names,
 * titles, phone numbers, …) are accepted and ignored (RFC 7644 §3.3: the service provider is free
 * to ignore them); what cannot be honoured is refused with SCIM's 400 {@code scimType}s.
 */
final class ScimRequests {

    private static final String URN_PREFIX = ScimUser.SCHEMA.toLowerCase(Locale.ROOT) + ":";

    private ScimRequests() {
    }

    /**
     * A change to a user: every field {@code null} when the request does not touch it.
     *
     * @param userName         the userName (= email) the request names; it can be set on creation only
     * @param active           the wanted {@code active}
     * @param externalId       the connector's new externalId; with {@code removeExternalId} false and
     *                         this {@code null}, unchanged
     * @param removeExternalId the request removes the externalId
     */
    record UserChange(String userName, Boolean active, String externalId, boolean removeExternalId) {

        static final UserChange NONE = new UserChange(null, null, null, false);

        UserChange with(String attribute, JsonNode value, boolean remove) {
            return switch (attribute) {
                case "active" -> {
                    if (remove) {
                        throw ScimException.badRequest("invalidValue", "active cannot be removed; replace it with "
                                + "true or false");
                    }
                    yield new UserChange(userName, bool("active", value), externalId, removeExternalId);
                }
                case "externalid" -> remove || value == null || value.isNull()
                        ? new UserChange(userName, active, null, true)
                        : new UserChange(userName, active, string("externalId", value), false);
                case "username" -> {
                    if (remove) {
                        throw ScimException.badRequest("mutability", "userName cannot be removed");
                    }
                    yield new UserChange(string("userName", value), active, externalId, removeExternalId);
                }
                default -> this; // an attribute we do not keep
            };
        }
    }

    /** A whole User resource ({@code POST}, {@code PUT}): userName required, the rest optional. */
    static UserChange user(JsonNode body) {
        requireObject(body, "a User resource");
        UserChange change = UserChange.NONE;
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            change = change.with(attribute(field.getKey()), field.getValue(), false);
        }
        if (change.userName() == null || change.userName().isBlank()) {
            throw ScimException.badRequest("invalidValue", "userName (the admin's email) is required");
        }
        return change;
    }

    /** A PATCH request ({@code urn:ietf:params:scim:api:messages:2.0:PatchOp}, RFC 7644 §3.5.2). */
    static UserChange patch(JsonNode body) {
        requireObject(body, "a PatchOp message");
        JsonNode operations = field(body, "operations");
        if (operations == null || !operations.isArray() || operations.isEmpty()) {
            throw ScimException.badRequest("invalidSyntax", "A PATCH request needs a non-empty Operations array");
        }
        UserChange change = UserChange.NONE;
        for (JsonNode operation : operations) {
            change = apply(change, operation);
        }
        return change;
    }

    private static UserChange apply(UserChange change, JsonNode operation) {
        requireObject(operation, "each operation");
        JsonNode opNode = field(operation, "op");
        String op = opNode == null || !opNode.isString() ? "" : opNode.asString().toLowerCase(Locale.ROOT);
        if (!op.equals("add") && !op.equals("replace") && !op.equals("remove")) {
            throw ScimException.badRequest("invalidSyntax", "op must be add, replace or remove, not "
                    + (opNode == null ? "missing" : opNode.toString()));
        }
        boolean remove = op.equals("remove");
        JsonNode path = field(operation, "path");
        JsonNode value = field(operation, "value");
        if (path != null && path.isString() && !path.asString().isBlank()) {
            return change.with(attribute(path.asString()), value, remove);
        }
        if (remove) {
            throw ScimException.badRequest("noTarget", "A remove operation needs a path");
        }
        if (value == null || !value.isObject()) {
            throw ScimException.badRequest("invalidSyntax", "An operation without a path takes an object value");
        }
        UserChange changed = change;
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            changed = changed.with(attribute(field.getKey()), field.getValue(), false);
        }
        return changed;
    }

    /** The attribute a name or path means, in lower case, without the core schema's URN. */
    private static String attribute(String nameOrPath) {
        String name = nameOrPath.trim().toLowerCase(Locale.ROOT);
        return name.startsWith(URN_PREFIX) ? name.substring(URN_PREFIX.length()) : name;
    }

    private static JsonNode field(JsonNode object, String lowerCaseName) {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (field.getKey().equalsIgnoreCase(lowerCaseName)) {
                return field.getValue();
            }
        }
        return null;
    }

    static boolean bool(String attribute, JsonNode value) {
        if (value != null && value.isBoolean()) {
            return value.asBoolean();
        }
        if (value != null && value.isString()) {
            String text = value.asString().trim();
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(text.toLowerCase(Locale.ROOT));
            }
        }
        throw ScimException.badRequest("invalidValue", attribute + " must be true or false");
    }

    private static String string(String attribute, JsonNode value) {
        if (value == null || !value.isString()) {
            throw ScimException.badRequest("invalidValue", attribute + " must be a string");
        }
        if (value.asString().length() > 255) {
            throw ScimException.badRequest("invalidValue", attribute + " is longer than 255 characters");
        }
        return value.asString();
    }

    private static void requireObject(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw ScimException.badRequest("invalidSyntax", "The body must be " + what + " (a JSON object)");
        }
    }
}
