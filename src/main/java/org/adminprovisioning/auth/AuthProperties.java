package org.adminprovisioning.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in settings ({@code provisioning.auth.*}).
 *
 * @param totpIssuer the issuer an authenticator app shows next to the account after MFA setup: the
 *                   {@code issuer} of the {@code otpauth://} URI and the prefix of its label
 */
@ConfigurationProperties("provisioning.auth")
public record AuthProperties(@DefaultValue("AdminProvisioning") String totpIssuer) {
}
