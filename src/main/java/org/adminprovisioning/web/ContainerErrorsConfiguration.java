package org.adminprovisioning.web;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Errors Tomcat answers on its own are problems too ({@link ProblemErrorReportValve}). */
@Configuration(proxyBeanMethods = false)
class ContainerErrorsConfiguration {

    /**
     * Unordered, so after Boot's own Tomcat customizer: its report valve is added to the host first
     * and so runs outside ours, finding the problem already written.
     */
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> context.getParent().getPipeline()
                .addValve(new ProblemErrorReportValve()));
    }
}
