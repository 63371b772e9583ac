package org.adminprovisioning.auth;

import java.util.List;
import java.util.Optional;

import org.adminprovisioning.admin.AdminPrincipal;
import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.admin.AdminRecords.Caller;
import org.adminprovisioning.admin.AdminStatus;
import org.adminprovisioning.audit.AuditTrail;
import org.adminprovisioning.audit.AuditTrail.Action;
import org.adminprovisioning.audit.AuditTrail.Outcome;
import org.adminprovisioning.cognito.CognitoProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.convert.converter.Converter;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Turns a validated Cognito access token into an authentication. {@code ROLE_ADMIN} needs the
 * admin group in {@code cognito:groups}, a {@code User} in our database whose Cognito username is
 * the token's {@code username} and whose {@code cognito_sub} is the token's {@code sub}, and that
 * {@code User} ACTIVE, so that removing or disabling an admin here takes effect at once, whatever
 * its token says, and a pool user who merely inherits a username (deleted, then made again with the
 * same email) is not the admin we recorded.
 *
 * <p>A record written without a {@code sub} (older rows, a pool that did not report it) is bound
 * to the {@code sub} of the first token used for it: the token is signed by the pool for exactly
 * that username, so refusing would only lock the admin out, and from then on the binding holds.
 */
@Component
class AdminAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    static final String ADMIN_ROLE = "ROLE_ADMIN";

    private static final Logger log = LoggerFactory.getLogger(AdminAuthenticationConverter.class);

    private final AdminRecords records;
    private final AuditTrail audit;
    private final String adminGroup;

    AdminAuthenticationConverter(AdminRecords records, AuditTrail audit, CognitoProperties cognito) {
        this.records = records;
        this.audit = audit;
        this.adminGroup = cognito.adminGroup();
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String username = jwt.getClaimAsString("username");
        List<String> groups = Optional.ofNullable(jwt.getClaimAsStringList("cognito:groups")).orElse(List.of());
        if (username == null || !groups.contains(adminGroup)) {
            return new CognitoAuthentication(jwt, username, List.of());
        }
        return records.findCaller(username)
                .flatMap(admin -> boundTo(admin, jwt.getSubject()))
                .flatMap(this::active)
                .map(admin -> new CognitoAuthentication(jwt,
                        new AdminPrincipal(admin.id(), admin.cognitoUsername(), admin.email()),
                        List.of(new SimpleGrantedAuthority(ADMIN_ROLE))))
                .orElseGet(() -> new CognitoAuthentication(jwt, username, List.of()));
    }

    /** The admin, when the token's {@code sub} is the one recorded for it (binding it on first use). */
    private Optional<Caller> boundTo(Caller admin, String sub) {
        if (sub == null || sub.isBlank()) {
            return Optional.empty();
        }
        Caller bound = admin;
        if (bound.cognitoSub() == null) {
            bound = bind(admin, sub);
        }
        if (!sub.equals(bound.cognitoSub())) {
            log.warn("Refused a token for Cognito user {}: its sub {} is not the one recorded for admin {}",
                    admin.cognitoUsername(), sub, admin.email());
            return Optional.empty();
        }
        return Optional.of(bound);
    }

    private Caller bind(Caller admin, String sub) {
        try {
            Caller bound = records.bindCognitoSub(admin.id(), sub).map(Caller::of).orElse(admin);
            audit.record(admin.email(), Action.BIND_SUB, admin.email(), Outcome.SUCCEEDED, "sub " + sub);
            log.info("Admin {} bound to Cognito sub {} on its first token", admin.email(), sub);
            return bound;
        } catch (OptimisticLockingFailureException raced) {
            // Another request bound it first: whatever it recorded decides.
            return records.findCaller(admin.cognitoUsername()).orElse(admin);
        }
    }

    private Optional<Caller> active(Caller admin) {
        Caller current = admin;
        if (current.status() == AdminStatus.INVITED) {
            // Cognito issues tokens only after NEW_PASSWORD_REQUIRED was answered: a valid token for
            // an INVITED admin means our activation write was lost. Catch up instead of locking it out.
            try {
                current = records.activate(admin.cognitoUsername()).map(Caller::of).orElse(admin);
            } catch (OptimisticLockingFailureException raced) {
                // A concurrent change (a disable, or the sign-in's own activation) won: what it stored decides.
                current = records.findCaller(admin.cognitoUsername()).orElse(admin);
            }
        }
        return Optional.of(current).filter(a -> a.status() == AdminStatus.ACTIVE);
    }
}
