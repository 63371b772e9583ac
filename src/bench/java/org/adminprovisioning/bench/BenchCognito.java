package org.adminprovisioning.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.adminprovisioning.cognito.CognitoGateway;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps the service's {@link CognitoGateway} for the bench: counts every Cognito call and, while
 * {@link #latencyMillis} is set, answers each one that much later, as a pool across the network would.
 * (A minimal stand-in for {@code cognito.in-memory.latency}, kept in the bench sources.)
 */
final class BenchCognito implements BeanPostProcessor {

    static volatile long latencyMillis;
    static final AtomicLong calls = new AtomicLong();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof CognitoGateway gateway)) {
            return bean;
        }
        return Proxy.newProxyInstance(CognitoGateway.class.getClassLoader(), new Class<?>[] {CognitoGateway.class},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.invoke(gateway, args);
                    }
                    calls.incrementAndGet();
                    long latency = latencyMillis;
                    if (latency > 0) {
                        TimeUnit.MILLISECONDS.sleep(latency);
                    }
                    try {
                        return method.invoke(gateway, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
