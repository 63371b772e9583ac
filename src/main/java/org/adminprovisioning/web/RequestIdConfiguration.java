package org.adminprovisioning.web;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Registers {@link RequestIds} before every other filter, for requests and the container's error dispatches. */
@Configuration(proxyBeanMethods = false)
class RequestIdConfiguration {

    @Bean
    FilterRegistrationBean<RequestIds> requestIdFilter() {
        FilterRegistrationBean<RequestIds> registration = new FilterRegistrationBean<>(new RequestIds());
        // Before the body limit (HIGHEST_PRECEDENCE + 1), whose refusals are problems with the id too.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
        return registration;
    }
}
