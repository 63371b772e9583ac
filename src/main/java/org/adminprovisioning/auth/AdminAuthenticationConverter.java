package org.adminprovisioning.auth;

import org.adminprovisioning.admin.AdminPrincipal;
import java.util.List;
import java.util.Optional;

import org.adminprovisioning.admin.AdminAccount;
import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.admin.AdminStatus;
import org.adminprovisioning.cognito.CognitoProperties;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Turns a validated Cognito access token into an authentication. {@code ROLE_ADMIN} needs both
 * the admin group in {@code cognito:groups} and an ACTIVE {@code User} in our database, so that
 * removing or disabling an admin here takes effect at once, whatever its token says.
 */
@Component
class AdminAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    static final String ADMIN_ROLE = "ROLE_ADMIN";

    private final AdminRecords records;
    private final String adminGroup;

    AdminAuthenticationConverter(AdminRecords records, CognitoProperties cognito) {
        this.records = records;
        this.adminGroup = cognito.adminGroup();
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String username = jwt.getClaimAsString("username");
        List<String> groups = Optional.ofNullable(jwt.getClaimAsStringList("cognito:groups")).orElse(List.of());
        if (username == null || !groups.contains(adminGroup)) {
            return new CognitoAuthentication(jwt, username, List.of());
        }
        return activeAdmin(username)
                .map(admin -> new CognitoAuthentication(jwt,
                        new AdminPrincipal(admin.id(), admin.cognitoUsername(), admin.email()),
                        List.of(new SimpleGrantedAuthority(ADMIN_ROLE))))
                .orElseGet(() -> new CognitoAuthentication(jwt, username, List.of()));
    }

    private Optional<AdminAccount> activeAdmin(String username) {
        Optional<AdminAccount> admin = records.findByCognitoUsername(username);
        if (admin.isPresent() && admin.get().status() == AdminStatus.INVITED) {
            // Cognito issues tokens only after NEW_PASSWORD_REQUIRED was answered: a valid token for
            // an INVITED admin means our activation write was lost. Catch up instead of locking it out.
            admin = records.activate(username);
        }
        return admin.filter(a -> a.status() == AdminStatus.ACTIVE);
    }
}
