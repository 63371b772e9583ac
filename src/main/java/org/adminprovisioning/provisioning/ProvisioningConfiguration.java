package org.adminprovisioning.provisioning;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ProvisioningConfiguration {

    @Bean
    TemporaryPasswordGenerator temporaryPasswordGenerator(ProvisioningProperties properties) {
        return new TemporaryPasswordGenerator(properties.temporaryPasswordLength());
    }
}
