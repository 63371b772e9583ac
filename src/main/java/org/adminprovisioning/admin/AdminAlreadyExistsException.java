package org.adminprovisioning.admin;

/** An admin with this email already exists in our database, or is being provisioned right now. */
public class AdminAlreadyExistsException extends RuntimeException {

    private final String email;

    public AdminAlreadyExistsException(String email) {
        this(email, "An admin with email " + email + " already exists");
    }

    public AdminAlreadyExistsException(String email, String message) {
        super(message);
        this.email = email;
    }

    public String getEmail() {
        return email;
    }
}
