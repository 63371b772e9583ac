package org.adminprovisioning.auth;

import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The one filter chain: a stateless OAuth2 resource server that accepts Cognito access tokens.
 * {@code /auth/**}, {@code /actuator/health} and the console's static files ({@code /}, {@code /console/**})
 * are public, and so, in the default profile only (the
 * loopback sandbox), are the dev outbox, the in-memory pool's key set at
 * {@code /<poolId>/.well-known/jwks.json}, the API docs and Swagger UI; everything else needs
 * {@code ROLE_ADMIN} (see {@link AdminAuthenticationConverter}), {@code /actuator/prometheus} included,
 * unless {@code management.server.port} puts the actuator on a port of its own, where it is public.
 * The services check again with {@code @PreAuthorize}.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfig {

    static final String POOL_KEYS = "/*/.well-known/jwks.json";
    /** The admin console's static files (DESIGN §13): public in every profile, they hold no data. */
    private static final String[] CONSOLE = {"/", "/index.html", "/console/**"};
    /** Public in the loopback sandbox only; in any other profile they need an admin (and are off by default). */
    private static final String[] SANDBOX_TOOLS = {"/dev/**", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**",
        "/swagger-ui.html", POOL_KEYS};

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, AdminAuthenticationConverter adminConverter,
            AuthenticationEntryPoint unauthorized, AccessDeniedHandler forbidden, Environment environment)
            throws Exception {
        boolean sandbox = environment.acceptsProfiles(Profiles.of("default"));
        // Signing in is public: a stale token a frontend still sends along must not turn it into a 401.
        RequestMatcher signIn = PathPatternRequestMatcher.pathPattern("/auth/**");
        // The in-memory pool's public keys (default profile), where Cognito serves a pool's: public too.
        RequestMatcher poolKeys = PathPatternRequestMatcher.pathPattern(HttpMethod.GET, POOL_KEYS);
        DefaultBearerTokenResolver bearerTokens = new DefaultBearerTokenResolver();
        BearerTokenResolver ignoredWhenSigningIn = request -> signIn.matches(request) || poolKeys.matches(request)
                ? null : bearerTokens.resolve(request);
        http.csrf(csrf -> csrf.disable())
                .cors(Customizer.withDefaults())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers(HttpMethod.OPTIONS, "/admins/**", "/auth/**").permitAll()
                            .requestMatchers("/auth/**", "/actuator/health", "/actuator/health/**", "/error").permitAll()
                            .requestMatchers(HttpMethod.GET, CONSOLE).permitAll();
                    if (sandbox) {
                        requests.requestMatchers(SANDBOX_TOOLS).permitAll();
                    }
                    if (ManagementPortType.get(environment) == ManagementPortType.DIFFERENT) {
                        // Actuator lives on the management port alone, which the deployment keeps off the load
                        // balancer (docs/operations.md): Prometheus scrapes it without a Cognito token.
                        requests.requestMatchers("/actuator/**").permitAll();
                    }
                    requests.anyRequest().hasAuthority(AdminAuthenticationConverter.ADMIN_ROLE);
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenResolver(ignoredWhenSigningIn)
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(adminConverter))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden));
        return http.build();
    }
}
