package org.adminprovisioning.web;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * Brings web's package-private pieces the filter chain needs into {@code @WebMvcTest} slices: the
 * CORS configuration and the 401/403 problem handlers.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({WebConfiguration.class, ProblemSecurityHandlers.class})
public class CorsSliceConfiguration {
}
