package org.adminprovisioning.admin;

/**
 * Where an admin is in its life: invited (temporary password pending), active, disabled (can
 * neither sign in nor act), or offboarded (removed from Cognito; the row stays for the audit trail).
 */
public enum AdminStatus {
    INVITED,
    ACTIVE,
    DISABLED,
    OFFBOARDED
}
