package org.adminprovisioning;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Creates administrator accounts in Amazon Cognito and in our database: both or neither. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class AdminProvisioningApplication {

    public static void main(String[] args) {
        SpringApplication.run(AdminProvisioningApplication.class, args);
    }
}
