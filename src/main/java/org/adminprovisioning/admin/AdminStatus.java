package org.adminprovisioning.admin;

/** Where an admin is in its life: invited (temporary password pending), active, or disabled. */
public enum AdminStatus {
    INVITED,
    ACTIVE,
    DISABLED
}
