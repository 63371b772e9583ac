package org.adminprovisioning;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Creates administrator accounts in Amazon Cognito and in our database: both or neither. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class AdminProvisioningApplication {

    public static void main(String[] args) {
        SpringApplication.run(AdminProvisioningApplication.class, args);
    }

    /** One clock for the whole service, so tests can move time (temporary-password expiry, staleness). */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
