package org.adminprovisioning.provisioning;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the saga ({@code provisioning.*}).
 *
 * @param temporaryPasswordLength length of generated temporary passwords (8 to 256)
 * @param maxResendsPerHour       how many invitations may be resent to one admin within an hour
 * @param reconciler              the reconciler's schedule
 * @param bootstrapAdmin          the first admin, created on start when no admin exists
 */
@ConfigurationProperties("provisioning")
public record ProvisioningProperties(
        @DefaultValue("16") int temporaryPasswordLength,
        @DefaultValue("5") int maxResendsPerHour,
        @DefaultValue Reconciler reconciler,
        @DefaultValue BootstrapAdmin bootstrapAdmin) {

    /**
     * @param interval   how often the reconciler looks for unfinished requests
     * @param staleAfter how old an unfinished request must be before the reconciler takes it: a
     *                   younger one may still be in flight on a live instance
     */
    public record Reconciler(@DefaultValue("30s") Duration interval, @DefaultValue("2m") Duration staleAfter) {
    }

    /**
     * @param email    the bootstrap admin's email
     * @param password its permanent password in the default profile; empty generates one and
     *                 prints it once at start-up
     */
    public record BootstrapAdmin(@DefaultValue("admin@example.com") String email, @DefaultValue("") String password) {

        @Override
        public String toString() {
            return "BootstrapAdmin[email=" + email + ", password=" + (password.isEmpty() ? "" : "****") + "]";
        }
    }
}
