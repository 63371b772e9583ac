package org.adminprovisioning.auth;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.adminprovisioning.audit.AuditTrail;
import org.adminprovisioning.audit.AuditTrail.Action;
import org.adminprovisioning.audit.AuditTrail.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards {@code /scim/**} as {@link SignInGuardFilter} guards {@code /auth/*}, on the same
 * database-backed {@link SignInThrottle}: a budget of requests per client address, and a budget of
 * refused credentials (answers 401) per client address — a connector's secret is its only
 * credential, so the address is what a guesser cannot vary cheaply. Both answer 429 with
 * {@code Retry-After} before any token is looked at. Every refused credential is audited with actor
 * {@code anonymous}, target {@code scim} and the client's address, never the token.
 */
class ScimGuardFilter extends OncePerRequestFilter {

    static final String AUDIT_TARGET = "scim";

    private static final Logger log = LoggerFactory.getLogger(ScimGuardFilter.class);

    private final SignInThrottle throttle;
    private final ScimConnectorProperties properties;
    private final ClientAddresses clients;
    private final AuditTrail audit;
    private final ScimRefusals refusals;

    ScimGuardFilter(SignInThrottle throttle, ScimConnectorProperties properties, ClientAddresses clients,
            AuditTrail audit, ScimRefusals refusals) {
        this.throttle = throttle;
        this.properties = properties;
        this.clients = clients;
        this.audit = audit;
        this.refusals = refusals;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String client = clients.clientOf(request);
        String bucket = ClientAddresses.bucketOf(client);
        SignInThrottle.Verdict requests = throttle.acquire("scim-ip:" + bucket, properties.requestsPerClient(),
                properties.requestsPerClientWindow());
        if (!requests.allowed()) {
            refusals.refuse(response, 429, "Too many SCIM requests from your address; retry after the "
                    + "Retry-After seconds", requests.retryAfter());
            return;
        }
        String failures = "scim-fail:" + bucket;
        SignInThrottle.Verdict failed = throttle.acquire(failures, properties.failedAttemptsPerClient(),
                properties.failedAttemptsWindow());
        if (!failed.allowed()) {
            refusals.refuse(response, 429, "Too many refused SCIM credentials from your address; retry after the "
                    + "Retry-After seconds", failed.retryAfter());
            return;
        }
        boolean refused = false;
        try {
            chain.doFilter(request, response);
            refused = response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED;
            if (refused || response.getStatus() == HttpServletResponse.SC_FORBIDDEN) {
                auditQuietly(request, client, response.getStatus());
            }
        } finally {
            // Only a refused credential keeps its unit.
            if (!refused) {
                throttle.release(failures, properties.failedAttemptsWindow());
            }
        }
    }

    private void auditQuietly(HttpServletRequest request, String client, int status) {
        try {
            audit.record(SignInGuardFilter.ANONYMOUS, Action.SIGN_IN, AUDIT_TARGET, Outcome.REFUSED,
                    request.getMethod() + " " + SignInGuardFilter.printable(request.getRequestURI()) + " from "
                            + client + ": " + status);
        } catch (RuntimeException e) {
            log.warn("Could not audit a refused SCIM credential from {}: {}", client, e.toString());
        }
    }
}
