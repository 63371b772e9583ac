package org.adminprovisioning.web;

import java.time.Duration;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/** CORS for the web app's frontend, read by the security filter chain (preflights included). */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean
    CorsConfigurationSource corsConfigurationSource(CorsProperties cors) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        List<String> origins = cors.allowedOrigins().stream().map(String::trim).filter(o -> !o.isEmpty()).toList();
        if (origins.isEmpty()) {
            return source;
        }
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(origins);
        configuration.setAllowedMethods(List.of("GET", "POST", "DELETE", "OPTIONS"));
        configuration.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key"));
        configuration.setExposedHeaders(List.of("Location", "Retry-After", RequestIds.HEADER));
        configuration.setMaxAge(Duration.ofHours(1));
        source.registerCorsConfiguration("/admins/**", configuration);
        source.registerCorsConfiguration("/admins", configuration);
        source.registerCorsConfiguration("/auth/**", configuration);
        return source;
    }
}
