package org.adminprovisioning.provisioning;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.adminprovisioning.cognito.CognitoGateway;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * The whole service on a random port, its default profile (in-memory pool, H2 — or PostgreSQL in
 * the postgres execution), the bootstrap admin's password known, no scheduled reconciler (the
 * suites run it through {@code POST /admins/reconciliation/run}, where every unfinished request
 * counts as stale), and the Cognito gateway wrapped in a Mockito spy (autowire {@code CognitoGateway}
 * to verify or stub it; it is reset after each test). Suites with this annotation share one
 * context and its database: each uses emails of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:api-${random.uuid};DB_CLOSE_DELAY=-1",
    "provisioning.bootstrap-admin.email=" + AdminApi.BOOTSTRAP_EMAIL,
    "provisioning.bootstrap-admin.password=" + AdminApi.BOOTSTRAP_PASSWORD,
    "provisioning.reconciler.enabled=false",
    "provisioning.reconciler.stale-after=0s",
    "provisioning.max-resends-per-hour=2",
    "spring.main.banner-mode=off"
})
@MockitoSpyBean(types = CognitoGateway.class)
@interface ApiTest {
}
