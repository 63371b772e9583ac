package org.adminprovisioning.auth;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How {@code /auth/*} is protected against guessing ({@code provisioning.auth.*}, env
 * {@code PROVISIONING_AUTH_*}). The counters live in the database, so every instance shares them.
 *
 * @param failedAttemptsPerUsername failed sign-ins (answers 401) for one username within
 *                                  {@code failedAttemptsWindow} before further attempts for it answer
 *                                  {@code 429 too-many-attempts} without reaching Cognito
 * @param failedAttemptsWindow      the window of {@code failedAttemptsPerUsername}, counted from the
 *                                  first failure in it
 * @param requestsPerClient         requests to {@code /auth/*} from one client address (IPv6: one
 *                                  {@code /64}) within {@code requestsPerClientWindow}, successful ones
 *                                  included
 * @param requestsPerClientWindow   the window of {@code requestsPerClient}
 * @param trustedProxies            addresses or CIDR ranges of our own reverse proxies / load balancers
 *                                  (env {@code PROVISIONING_AUTH_TRUSTED_PROXIES}, a comma list);
 *                                  {@code X-Forwarded-For} is read only when the connection comes from
 *                                  one of them. Empty by default: the header is ignored and the client
 *                                  is the connection's peer
 */
@ConfigurationProperties("provisioning.auth")
record SignInProtectionProperties(
        @DefaultValue("10") int failedAttemptsPerUsername,
        @DefaultValue("15m") Duration failedAttemptsWindow,
        @DefaultValue("60") int requestsPerClient,
        @DefaultValue("1m") Duration requestsPerClientWindow,
        @DefaultValue List<String> trustedProxies) {

    SignInProtectionProperties {
        if (failedAttemptsPerUsername < 1 || requestsPerClient < 1) {
            throw new IllegalArgumentException("provisioning.auth.failed-attempts-per-username and "
                    + "provisioning.auth.requests-per-client must be at least 1");
        }
        if (failedAttemptsWindow.isNegative() || failedAttemptsWindow.isZero() || requestsPerClientWindow.isNegative()
                || requestsPerClientWindow.isZero()) {
            throw new IllegalArgumentException("provisioning.auth.*-window must be positive");
        }
    }
}
