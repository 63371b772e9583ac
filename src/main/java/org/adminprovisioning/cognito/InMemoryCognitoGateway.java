package org.adminprovisioning.cognito;

/**
 * The default profile's {@link CognitoGateway}: {@link AwsCognitoGateway}'s own request building,
 * mapping and error translation, driving an {@link InMemoryUserPool} in this JVM instead of a
 * pool in AWS. Nothing leaves the process; the invitations land in the {@link InMemoryOutbox}.
 */
public class InMemoryCognitoGateway extends AwsCognitoGateway {

    private final InMemoryUserPool pool;
    private final CognitoProperties settings;

    public InMemoryCognitoGateway(InMemoryUserPool pool, CognitoProperties settings) {
        super(pool, settings);
        this.pool = pool;
        this.settings = settings;
    }

    /**
     * Creates a confirmed admin with a permanent password and no invitation, as an operator would
     * with {@code AdminCreateUser(SUPPRESS)} and {@code AdminSetUserPassword(Permanent)}. Used
     * only for the bootstrap admin of the default profile.
     */
    public CognitoUser createConfirmedAdmin(String email, String password) {
        pool.adminCreateUser(r -> r.userPoolId(settings.userPoolId())
                .username(email)
                .messageAction("SUPPRESS")
                .userAttributes(attribute("email", email), attribute("email_verified", "true")));
        pool.adminSetUserPassword(r -> r.userPoolId(settings.userPoolId())
                .username(email).password(password).permanent(true));
        addToAdminGroup(email);
        return findUser(email).orElseThrow();
    }

    /** The pool behind this gateway, for the dev tools and tests. */
    public InMemoryUserPool pool() {
        return pool;
    }
}
