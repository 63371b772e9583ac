package org.adminprovisioning.auth;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.adminprovisioning.audit.AuditTrail;
import org.adminprovisioning.cognito.CognitoProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The second filter chain, for {@code /scim/**} only (ordered before {@link SecurityConfig}'s, which
 * takes everything else): identity providers' connectors, never admins (DESIGN §14, docs/scim.md).
 * Bearer tokens are a connector's secret or, in the {@code cognito} profile, a Cognito
 * client-credentials token with the SCIM scope ({@link ScimConnectorAuthenticationProvider});
 * requests are throttled per client address ({@link ScimGuardFilter}); refusals are written in
 * SCIM's error format by the {@code scim} feature ({@link ScimRefusals}).
 *
 * <p>Its own configuration class rather than a bean in {@link SecurityConfig}: the {@code @WebMvcTest}
 * slices import {@code SecurityConfig}, and this chain needs the database throttle and the
 * connectors, which slices do not have.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ScimConnectorProperties.class)
class ScimSecurityConfig {

    @Bean
    @Order(1)
    SecurityFilterChain scimSecurity(HttpSecurity http, ScimConnectors connectors, JwtDecoder adminTokens,
            ScimRefusals refusals, SignInThrottle throttle, ScimConnectorProperties properties,
            SignInProtectionProperties signIn, AuditTrail audit, CognitoProperties cognito, Environment environment)
            throws Exception {
        boolean cognitoTokens = environment.acceptsProfiles(Profiles.of("cognito")) && !properties.cognitoScope().isBlank();
        ProviderManager authentication = new ProviderManager(new ScimConnectorAuthenticationProvider(connectors,
                cognitoTokens ? clientCredentialsTokens(cognito) : null, adminTokens));
        AuthenticationEntryPoint unauthorized = (request, response, failure) -> {
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            refuse(refusals, response, 401, "A SCIM connector's bearer token is required (see docs/scim.md)");
        };
        AccessDeniedHandler forbidden = (request, response, denied) -> refuse(refusals, response, 403,
                "An admin's token is never accepted on /scim: use the connector's token (see docs/scim.md)");
        http.securityMatcher("/scim/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest()
                        .hasAuthority(ScimConnectorAuthenticationProvider.CONNECTOR_ROLE))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .authenticationManagerResolver(request -> authentication)
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .addFilterBefore(new ScimGuardFilter(throttle, properties, new ClientAddresses(signIn.trustedProxies()),
                        audit, refusals), BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    private static void refuse(ScimRefusals refusals, HttpServletResponse response, int status, String detail)
            throws IOException {
        if (!response.isCommitted()) {
            refusals.refuse(response, status, detail, null);
        }
    }

    /**
     * Cognito's client-credentials access tokens from our pool: signature, {@code exp}, {@code iss},
     * {@code token_use=access}. Unlike an admin's token, the app client is a connector's, not ours;
     * {@link ScimConnectorAuthenticationProvider} checks it, the scope and the absence of a user.
     */
    static JwtDecoder clientCredentialsTokens(CognitoProperties cognito) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(cognito.jwkSetUriOrDefault()).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<Jwt>(List.of(new JwtTimestampValidator(),
                new JwtIssuerValidator(cognito.issuerUri()),
                new JwtClaimValidator<String>("token_use", "access"::equals))));
        return decoder;
    }
}
