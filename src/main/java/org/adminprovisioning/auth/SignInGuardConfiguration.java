package org.adminprovisioning.auth;

import org.adminprovisioning.audit.AuditTrail;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerExceptionResolver;

import tools.jackson.databind.json.JsonMapper;

/** Puts the {@link SignInGuardFilter} in front of {@code /auth/*}, right after the security filter chain. */
@Configuration(proxyBeanMethods = false)
class SignInGuardConfiguration {

    @Bean
    FilterRegistrationBean<SignInGuardFilter> signInGuardFilter(SignInThrottle throttle,
            SignInProtectionProperties properties, AuditTrail audit, JsonMapper json,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        FilterRegistrationBean<SignInGuardFilter> registration = new FilterRegistrationBean<>(
                new SignInGuardFilter(throttle, properties, audit, json, problems));
        registration.addUrlPatterns("/auth/*");
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 10);
        return registration;
    }
}
