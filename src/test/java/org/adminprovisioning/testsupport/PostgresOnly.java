package org.adminprovisioning.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A suite that needs PostgreSQL itself (several JVMs on one database, its locking under load):
 * it runs only in the postgres execution of the build, next to the rest of the database suites
 * (see {@link DatabaseModeFilter}), and skips with the reason when the server is absent.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface PostgresOnly {
}
