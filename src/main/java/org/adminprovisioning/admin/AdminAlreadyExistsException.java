package org.adminprovisioning.admin;

/** An admin with this email already exists in our database, or is being provisioned right now. */
public class AdminAlreadyExistsException extends RuntimeException {

    private final String email;

    public AdminAlreadyExistsException(String email) {
        super("An admin with email " + email + " already exists");
        this.email = email;
    }

    public String getEmail() {
        return email;
    }
}
