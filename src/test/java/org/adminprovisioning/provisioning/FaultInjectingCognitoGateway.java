package org.adminprovisioning.provisioning;

import java.util.Optional;

import org.adminprovisioning.cognito.AdminAlreadyExistsInCognitoException;
import org.adminprovisioning.cognito.AuthTokens;
import org.adminprovisioning.cognito.CognitoGateway;
import org.adminprovisioning.cognito.CognitoUnavailableException;
import org.adminprovisioning.cognito.CognitoUser;
import org.adminprovisioning.cognito.CognitoUserPage;
import org.adminprovisioning.cognito.InvalidInviteException;
import org.adminprovisioning.cognito.PoolDescription;
import org.adminprovisioning.cognito.PasswordPolicy;
import org.adminprovisioning.cognito.SignInResult;

/**
 * A {@link CognitoGateway} that fires the {@link FaultPlan}'s faults around a real one: the generic
 * ones of {@link FaultInjection}, and for {@code AdminCreateUser} also a late landing, the SDK-retry
 * duplicate and a refusal.
 */
final class FaultInjectingCognitoGateway implements CognitoGateway {

    private final FaultPlan faults;
    private volatile CognitoGateway delegate;
    /** The delegate, with the plan's generic faults around every call but the create. */
    private volatile CognitoGateway generic;
    /** A {@link Fault#LATE} create waiting to land right after the saga's look-up. */
    private Runnable lateCreate;

    FaultInjectingCognitoGateway(FaultPlan faults, CognitoGateway delegate) {
        this.faults = faults;
        delegateTo(delegate);
    }

    void delegateTo(CognitoGateway delegate) {
        this.delegate = delegate;
        this.generic = FaultInjection.cognito(faults, delegate);
        this.lateCreate = null;
    }

    CognitoGateway delegate() {
        return delegate;
    }

    private static CognitoUnavailableException unavailable(Step step) {
        return new CognitoUnavailableException("injected: " + step + " timed out", null);
    }

    @Override
    public CognitoUser createAdminUser(String email, String temporaryPassword) {
        Fault fault = faults.next(Step.CREATE_USER);
        if (fault == null) {
            return delegate.createAdminUser(email, temporaryPassword);
        }
        switch (fault) {
            case LATE:
                lateCreate = () -> delegate.createAdminUser(email, temporaryPassword);
                throw unavailable(Step.CREATE_USER);
            case DUPLICATE:
                delegate.createAdminUser(email, temporaryPassword);
                throw new AdminAlreadyExistsInCognitoException("injected: UsernameExistsException on the SDK's retry",
                        null);
            case REFUSED:
                throw new InvalidInviteException("injected: InvalidParameterException", null);
            default:
                return faults.fire(Step.CREATE_USER, fault, () -> delegate.createAdminUser(email, temporaryPassword),
                        () -> unavailable(Step.CREATE_USER));
        }
    }

    @Override
    public void addToAdminGroup(String username) {
        generic.addToAdminGroup(username);
    }

    @Override
    public Optional<CognitoUser> findUser(String username) {
        try {
            return generic.findUser(username);
        } finally {
            landLateCreate();
        }
    }

    /**
     * Lands a {@link Fault#LATE} create: right after the look-up that followed it, or at the latest
     * before the clock passes the stale threshold (no request stays in flight that long).
     */
    void landLateCreate() {
        Runnable late = lateCreate;
        if (late != null) {
            lateCreate = null;
            late.run();
        }
    }

    @Override
    public boolean isInAdminGroup(String username) {
        return generic.isInAdminGroup(username);
    }

    @Override
    public void disableUser(String username) {
        generic.disableUser(username);
    }

    @Override
    public void enableUser(String username) {
        generic.enableUser(username);
    }

    @Override
    public void signOutEverywhere(String username) {
        generic.signOutEverywhere(username);
    }

    @Override
    public void deleteUser(String username) {
        generic.deleteUser(username);
    }

    @Override
    public CognitoUser resendInvite(String username, String temporaryPassword) {
        return generic.resendInvite(username, temporaryPassword);
    }

    @Override
    public SignInResult signIn(String username, String password) {
        return delegate.signIn(username, password);
    }

    @Override
    public SignInResult respondToNewPasswordChallenge(String username, String session, String newPassword) {
        return delegate.respondToNewPasswordChallenge(username, session, newPassword);
    }

    @Override
    public AuthTokens completeMfaSetup(String username, String session, String code) {
        return delegate.completeMfaSetup(username, session, code);
    }

    @Override
    public AuthTokens respondToMfaChallenge(String username, String session, String code) {
        return delegate.respondToMfaChallenge(username, session, code);
    }

    @Override
    public AuthTokens refreshTokens(String username, String refreshToken) {
        return delegate.refreshTokens(username, refreshToken);
    }

    @Override
    public void forgotPassword(String username) {
        delegate.forgotPassword(username);
    }

    @Override
    public void confirmForgotPassword(String username, String code, String newPassword) {
        delegate.confirmForgotPassword(username, code, newPassword);
    }

    @Override
    public CognitoUserPage listAdminGroupUsers(String nextToken) {
        return delegate.listAdminGroupUsers(nextToken);
    }

    @Override
    public PoolDescription describePool() {
        return generic.describePool();
    }

    @Override
    public PasswordPolicy passwordPolicy() {
        return generic.passwordPolicy();
    }
}
