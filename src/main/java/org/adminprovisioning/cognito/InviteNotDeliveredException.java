package org.adminprovisioning.cognito;

/**
 * Cognito could not send the invitation ({@code CodeDeliveryFailureException}). Unlike the other
 * refusals, Cognito has created the user all the same: the caller must look it up and undo it.
 */
public class InviteNotDeliveredException extends InvalidInviteException {

    public InviteNotDeliveredException(String message, Throwable cause) {
        super(message, cause);
    }
}
