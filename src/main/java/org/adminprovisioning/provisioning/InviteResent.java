package org.adminprovisioning.provisioning;

import java.time.Instant;

import org.adminprovisioning.cognito.CognitoUserStatus;

/** The answer to a resent invitation: where it went and the Cognito status it left the user in. */
public record InviteResent(String email, CognitoUserStatus cognitoStatus, Instant resentAt) {
}
