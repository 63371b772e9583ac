package org.adminprovisioning.scim;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.adminprovisioning.admin.AdminAccount;
import org.adminprovisioning.admin.AdminResponse;
import org.adminprovisioning.admin.AdminStatus;

/**
 * An admin as a SCIM User resource (RFC 7643 §4.1): {@code id} = our admin id, {@code userName} and
 * the one work email = its email, {@code active} = it may act or is invited (not DISABLED), and the
 * connector's own {@code externalId}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScimUser(List<String> schemas, String id, String externalId, String userName, boolean active,
        List<Email> emails, Meta meta) {

    static final String SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";

    /** A work email, the only one an admin has. */
    public record Email(String value, String type, boolean primary) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Meta(String resourceType, String created, String location) {
    }

    static ScimUser of(AdminResponse admin, String externalId) {
        return new ScimUser(List.of(SCHEMA), admin.id().toString(), externalId, admin.email(),
                admin.status() != AdminStatus.DISABLED, List.of(new Email(admin.email(), "work", true)),
                new Meta("User", admin.createdAt() == null ? null : admin.createdAt().toString(), null));
    }

    static ScimUser of(AdminAccount admin, String externalId) {
        return of(AdminResponse.of(admin), externalId);
    }

    /** The same resource with {@code meta.location} under the given {@code /scim/v2} base. */
    ScimUser locatedUnder(URI scimBase) {
        return new ScimUser(schemas, id, externalId, userName, active, emails,
                new Meta(meta.resourceType(), meta.created(), location(scimBase).toString()));
    }

    URI location(URI scimBase) {
        return URI.create(scimBase.toString() + "/Users/" + id);
    }
}
