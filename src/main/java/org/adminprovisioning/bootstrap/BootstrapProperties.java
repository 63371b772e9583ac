package org.adminprovisioning.bootstrap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first admin, created on start when no admin exists ({@code provisioning.bootstrap-admin.*},
 * env {@code PROVISIONING_BOOTSTRAP_ADMIN_EMAIL} / {@code _PASSWORD}).
 *
 * @param email    the bootstrap admin's email; in the {@code cognito} profile empty means "none"
 * @param password its permanent password in the default profile; empty generates one and prints it
 *                 once at start-up
 */
@ConfigurationProperties("provisioning.bootstrap-admin")
public record BootstrapProperties(@DefaultValue("admin@example.com") String email, @DefaultValue("") String password) {

    @Override
    public String toString() {
        return "BootstrapProperties[email=" + email + ", password=" + (password.isEmpty() ? "" : "****") + "]";
    }
}
