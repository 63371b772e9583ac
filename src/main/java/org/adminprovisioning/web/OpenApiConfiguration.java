package org.adminprovisioning.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI adminProvisioningOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Admin Provisioning Service")
                        .description("Creates administrators in Amazon Cognito and in our database: both or neither. "
                                + "Errors are RFC 9457 problems with type https://adminprovisioning.org/problems/<slug>.")
                        .version("v1"))
                .components(new Components().addSecuritySchemes("cognito",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                                .description("A Cognito access token of an admin (POST /auth/login)")))
                .addSecurityItem(new SecurityRequirement().addList("cognito"));
    }
}
