package org.adminprovisioning.auth;

import org.adminprovisioning.audit.AuditTrail;
import org.adminprovisioning.cognito.CognitoProperties;
import org.mockito.Mockito;
import org.adminprovisioning.web.CorsProperties;
import org.adminprovisioning.web.CorsSliceConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * The production filter chain (package-private {@link SecurityConfig}), its properties and CORS
 * for {@code @WebMvcTest} slices (slices do not apply the application's properties scan). Slices authenticate with spring-security-test's {@code jwt()}; a
 * bearer token that reaches this decoder is refused, as a forged one would be.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({SecurityConfig.class, CorsSliceConfiguration.class})
@EnableConfigurationProperties({CognitoProperties.class, CorsProperties.class})
public class SecuritySliceConfiguration {

    /** The converter audits binding a record to its first token's {@code sub}; slices have no database to audit in. */
    @Bean
    AuditTrail sliceAuditTrail() {
        return Mockito.mock(AuditTrail.class);
    }

    @Bean
    JwtDecoder refusingJwtDecoder() {
        return token -> {
            throw new BadJwtException("Signed JWT rejected: Invalid signature");
        };
    }
}
