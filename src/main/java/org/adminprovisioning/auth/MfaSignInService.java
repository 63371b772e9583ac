package org.adminprovisioning.auth;

import org.adminprovisioning.audit.AuditTrail.Action;
import org.adminprovisioning.cognito.AuthTokens;
import org.adminprovisioning.cognito.CognitoGateway;
import org.adminprovisioning.cognito.CognitoUnavailableException;
import org.adminprovisioning.cognito.InvalidCredentialsException;
import org.adminprovisioning.cognito.InvalidMfaCodeException;
import org.adminprovisioning.cognito.SessionExpiredException;
import org.springframework.stereotype.Service;

/** The second factor of a sign-in: setting up an authenticator app, and answering with its code. */
@Service
public class MfaSignInService {

    private final CognitoGateway cognito;
    private final PoolUsernames usernames;
    private final FirstSignIns firstSignIns;
    private final SignInAudit audit;

    MfaSignInService(CognitoGateway cognito, PoolUsernames usernames, FirstSignIns firstSignIns, SignInAudit audit) {
        this.cognito = cognito;
        this.usernames = usernames;
        this.firstSignIns = firstSignIns;
        this.audit = audit;
    }

    /**
     * Finishes {@code MFA_SETUP} with the first code of the newly added app ({@code VerifySoftwareToken},
     * then {@code RespondToAuthChallenge}). This completes the sign-in, so an invited admin becomes ACTIVE.
     *
     * @param username what the person signed in with (email or Cognito username)
     * @param session  the {@code session} of the {@code MFA_SETUP} answer
     * @param code     the app's current 6-digit code
     * @return the tokens of the completed sign-in
     * @throws InvalidMfaCodeException     the code is wrong; the session stays usable for another try
     * @throws SessionExpiredException     more than 3 minutes passed, or the session was used already
     * @throws InvalidCredentialsException the user is disabled or gone
     * @throws CognitoUnavailableException Cognito could not be reached
     */
    public AuthTokens completeMfaSetup(String username, String session, String code) {
        String poolUsername = usernames.of(username);
        AuthTokens tokens = cognito.completeMfaSetup(poolUsername, session, code);
        firstSignIns.completed(poolUsername);
        audit.succeeded(Action.MFA_SETUP, username, null);
        return tokens;
    }

    /**
     * Answers {@code SOFTWARE_TOKEN_MFA} with the app's current code.
     *
     * @param username what the person signed in with (email or Cognito username)
     * @param session  the {@code session} of the {@code SOFTWARE_TOKEN_MFA} answer
     * @param code     the app's current 6-digit code
     * @return the tokens of the completed sign-in
     * @throws InvalidMfaCodeException     the code is wrong, or was used already; the session stays usable
     * @throws SessionExpiredException     more than 3 minutes passed, or the session was used already
     * @throws InvalidCredentialsException the user is disabled or gone
     * @throws CognitoUnavailableException Cognito could not be reached
     */
    public AuthTokens answerMfaChallenge(String username, String session, String code) {
        AuthTokens tokens = cognito.respondToMfaChallenge(usernames.of(username), session, code);
        audit.succeeded(Action.MFA_CHALLENGE, username, null);
        return tokens;
    }
}
