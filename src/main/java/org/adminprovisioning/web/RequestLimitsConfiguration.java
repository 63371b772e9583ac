package org.adminprovisioning.web;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.core.Ordered;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The request limits of docs/security.md: the body size, checked first of all, and the JSON read
 * constraints every parse of a body applies.
 */
@Configuration(proxyBeanMethods = false)
class RequestLimitsConfiguration {

    /** Right after the character-encoding filter, before every other one: Spring Security's, the form-reading ones. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 1;

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(RequestLimitsProperties limits,
            JsonMapper json) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(limits, json));
        registration.setOrder(ORDER);
        return registration;
    }

    /**
     * Boot's {@code JsonMapper.Builder}, built on a {@link JsonFactory} with our
     * {@link StreamReadConstraints}. Jackson 3 fixes the factory when the builder is made, so no
     * {@link JsonMapperBuilderCustomizer} can change it (spring-boot#48594); this bean replaces
     * Boot's (which backs off) and applies every customizer, Boot's {@code spring.jackson.*} included,
     * exactly as Boot's does.
     */
    @Bean
    @Scope("prototype")
    JsonMapper.Builder jsonMapperBuilder(RequestLimitsProperties limits,
            ObjectProvider<JsonMapperBuilderCustomizer> customizers) {
        JsonMapper.Builder builder = JsonMapper.builder(JsonFactory.builder()
                .streamReadConstraints(constraints(limits.json()))
                .build());
        List<JsonMapperBuilderCustomizer> ordered = customizers.orderedStream().toList();
        ordered.forEach(customizer -> customizer.customize(builder));
        return builder;
    }

    static StreamReadConstraints constraints(RequestLimitsProperties.Json json) {
        return StreamReadConstraints.builder()
                .maxStringLength(json.maxStringLength())
                .maxNameLength(json.maxNameLength())
                .maxNestingDepth(json.maxNestingDepth())
                .maxNumberLength(json.maxNumberLength())
                .build();
    }
}
