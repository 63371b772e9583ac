package org.adminprovisioning.cognito;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

import org.springframework.beans.factory.config.BeanPostProcessor;

import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * Test only: wraps the SDK client so that the JVM halts ({@link Runtime#halt}, no shutdown hooks,
 * no finally blocks, like {@code kill -9}) right after the named Cognito operation returned, e.g.
 * {@code adminAddUserToGroup}: the Cognito step of a provisioning is done, the database step is not;
 * or, named {@code before:adminDeleteUser}, right before it is sent. Lives in the test sources only;
 * see {@code CrashableApplication}.
 */
public final class HaltingCognitoClient implements BeanPostProcessor {

    public static final int EXIT_CODE = 77;

    private final String haltAfter;

    public HaltingCognitoClient(String haltAfter) {
        this.haltAfter = haltAfter;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof CognitoIdentityProviderClient client)) {
            return bean;
        }
        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {CognitoIdentityProviderClient.class},
                (proxy, method, args) -> {
                    if (("before:" + method.getName()).equals(haltAfter)) {
                        halt();
                    }
                    Object result;
                    try {
                        result = method.invoke(client, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals(haltAfter)) {
                        halt();
                    }
                    return result;
                });
    }

    private void halt() {
        System.out.println("HALTING at " + haltAfter + " (test hook)");
        System.out.flush();
        Runtime.getRuntime().halt(EXIT_CODE);
    }
}
