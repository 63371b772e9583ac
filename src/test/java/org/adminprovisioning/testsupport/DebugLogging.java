package org.adminprovisioning.testsupport;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

/**
 * Puts our code and Spring MVC's request and exception logging at DEBUG again. Logback's levels are global
 * to the JVM: a context started by another suite resets them, so a cached context may log at INFO although
 * its properties say DEBUG. The secrets tests need DEBUG to prove nothing leaks even then.
 */
public final class DebugLogging {

    private DebugLogging() {
    }

    public static void on() {
        LoggingSystem logging = LoggingSystem.get(DebugLogging.class.getClassLoader());
        logging.setLogLevel("org.adminprovisioning", LogLevel.DEBUG);
        logging.setLogLevel("org.springframework.web.servlet.mvc.method.annotation", LogLevel.DEBUG);
    }
}
