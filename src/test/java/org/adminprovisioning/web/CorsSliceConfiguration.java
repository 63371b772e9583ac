package org.adminprovisioning.web;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/** Brings the package-private CORS configuration into {@code @WebMvcTest} slices. */
@TestConfiguration(proxyBeanMethods = false)
@Import(WebConfiguration.class)
public class CorsSliceConfiguration {
}
