package org.adminprovisioning.startup;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The two deliberate exceptions to {@link DeploymentChecks} ({@code provisioning.dev.*}).
 *
 * @param exposeSandbox  let the default profile (in-memory pool, {@code /dev/outbox}, printed
 *                       bootstrap password) listen on an address other than loopback (env
 *                       {@code PROVISIONING_DEV_EXPOSE_SANDBOX}); a warning is logged at every start.
 *                       Only for a network where everyone may read every temporary password
 * @param disposableState the database and the Cognito pool are both thrown away after this run, so
 *                        one may outlive the other (test suites: an emulator pool over an in-memory
 *                        database, the in-memory pool over a throwaway PostgreSQL schema). Never in a
 *                        deployment
 */
@ConfigurationProperties("provisioning.dev")
public record SandboxProperties(@DefaultValue("false") boolean exposeSandbox,
        @DefaultValue("false") boolean disposableState) {
}
