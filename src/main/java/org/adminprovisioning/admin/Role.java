package org.adminprovisioning.admin;

/** The role a {@link User} holds; this service only ever creates admins. */
public enum Role {
    ADMIN
}
