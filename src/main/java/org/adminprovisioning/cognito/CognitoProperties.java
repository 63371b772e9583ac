package org.adminprovisioning.cognito;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The user pool the service talks to. Bound from {@code cognito.*}, which the environment
 * variables fill through relaxed binding ({@code COGNITO_USER_POOL_ID},
 * {@code COGNITO_CLIENT_ID}, {@code COGNITO_CLIENT_SECRET}, {@code COGNITO_ADMIN_GROUP},
 * {@code COGNITO_ENDPOINT}, {@code COGNITO_ISSUER}, {@code COGNITO_JWK_SET_URI}); the region comes
 * from {@code AWS_REGION}.
 *
 * @param userPoolId                the pool id, e.g. {@code eu-west-1_AbCdEf123}
 * @param clientId                  the app client the service signs in with and accepts tokens of
 * @param clientSecret              the app client's secret, or empty when it has none (no SECRET_HASH)
 * @param region                    the pool's AWS region
 * @param adminGroup                the Cognito group that makes a user an admin
 * @param endpoint                  an endpoint override (local emulators), or {@code null} for AWS
 * @param issuer                    the expected {@code iss}; empty derives it from region and pool
 * @param jwkSetUri                 where the signing keys are; empty derives it from the issuer
 * @param apiCallTimeout            the whole call, retries included
 * @param apiCallAttemptTimeout     one HTTP attempt
 * @param maxAttempts               SDK attempts per call (1 turns retries off, as emulators need)
 * @param temporaryPasswordValidity how long a temporary password works (the pool's
 *                                  {@code TemporaryPasswordValidityDays}, 7 days by default)
 */
@ConfigurationProperties("cognito")
public record CognitoProperties(
        @DefaultValue("us-east-1_LocalPool01") String userPoolId,
        @DefaultValue("local-app-client") String clientId,
        @DefaultValue("") String clientSecret,
        @DefaultValue("us-east-1") String region,
        @DefaultValue("admins") String adminGroup,
        URI endpoint,
        @DefaultValue("") String issuer,
        @DefaultValue("") String jwkSetUri,
        @DefaultValue("10s") Duration apiCallTimeout,
        @DefaultValue("3s") Duration apiCallAttemptTimeout,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("7d") Duration temporaryPasswordValidity) {

    /** The expected {@code iss} claim: configured, or Cognito's own for this region and pool. */
    public String issuerUri() {
        return issuer.isBlank() ? "https://cognito-idp." + region + ".amazonaws.com/" + userPoolId : issuer;
    }

    /** The JWK set: configured, or the issuer's {@code /.well-known/jwks.json}. */
    public String jwkSetUriOrDefault() {
        return jwkSetUri.isBlank() ? issuerUri() + "/.well-known/jwks.json" : jwkSetUri;
    }

    public boolean hasClientSecret() {
        return !clientSecret.isBlank();
    }

    @Override
    public String toString() {
        return "CognitoProperties[userPoolId=" + userPoolId + ", clientId=" + clientId + ", region=" + region
                + ", adminGroup=" + adminGroup + ", endpoint=" + endpoint + ", clientSecret="
                + (hasClientSecret() ? "****" : "") + "]";
    }
}
