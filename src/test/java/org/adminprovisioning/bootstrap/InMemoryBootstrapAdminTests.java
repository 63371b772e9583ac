package org.adminprovisioning.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.audit.AuditTrail;
import org.adminprovisioning.cognito.AwsCognitoGateway;
import org.adminprovisioning.cognito.CognitoProperties;
import org.adminprovisioning.cognito.CognitoUserStatus;
import org.adminprovisioning.cognito.PasswordPolicy;
import org.adminprovisioning.cognito.SignInResult;
import org.adminprovisioning.cognito.inmemory.InMemoryOutbox;
import org.adminprovisioning.cognito.inmemory.InMemoryTokenIssuer;
import org.adminprovisioning.cognito.inmemory.InMemoryUserPool;
import org.adminprovisioning.testsupport.TestProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The default profile's first admin: generated and printed once like Spring Security's password, or configured. */
@ExtendWith(OutputCaptureExtension.class)
class InMemoryBootstrapAdminTests {

    private static final Pattern PRINTED = Pattern.compile("Using generated bootstrap admin password: (\\S+)");

    private final CognitoProperties settings = TestProperties.defaults("cognito", CognitoProperties.class);
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final InMemoryUserPool pool = new InMemoryUserPool(settings, PasswordPolicy.cognitoDefault(),
            new InMemoryTokenIssuer(settings.issuerUri(), settings.clientId(), Clock.systemUTC()), outbox,
            Clock.systemUTC());
    private final AwsCognitoGateway cognito = new AwsCognitoGateway(pool, settings);
    private final AdminRecords records = mock(AdminRecords.class);
    private final AuditTrail audit = mock(AuditTrail.class);

    private InMemoryBootstrapAdmin bootstrap(String password) {
        return new InMemoryBootstrapAdmin(pool, cognito, records, audit, TestProperties.bind("provisioning.bootstrap-admin",
                BootstrapProperties.class, Map.of("provisioning.bootstrap-admin.email", "Boss@Example.com",
                        "provisioning.bootstrap-admin.password", password)));
    }

    @Test
    void run_generatesAPasswordThatWorks_andPrintsItOnce(CapturedOutput output) {
        bootstrap("").run(new DefaultApplicationArguments());

        Matcher printed = PRINTED.matcher(output.getAll());
        assertThat(printed.find()).as(output.getAll()).isTrue();
        String password = printed.group(1);
        assertThat(printed.find()).as("printed once").isFalse();
        assertThat(PasswordPolicy.cognitoDefault().violation(password)).isEmpty();
        assertThat(cognito.signIn("boss@example.com", password)).isInstanceOf(SignInResult.Authenticated.class);
        assertThat(cognito.findUser("boss@example.com").orElseThrow().status()).isEqualTo(CognitoUserStatus.CONFIRMED);
        verify(records).createActiveAdminRecords(eq("boss@example.com"), anyString(), anyString());
        assertThat(outbox.all()).as("no invitation for the bootstrap admin").isEmpty();
    }

    @Test
    void run_usesTheConfiguredPassword_withoutPrintingIt(CapturedOutput output) {
        bootstrap("Configured-Passw0rd!").run(new DefaultApplicationArguments());

        assertThat(output.getAll()).doesNotContain("Configured-Passw0rd!").contains("boss@example.com");
        assertThat(cognito.signIn("boss@example.com", "Configured-Passw0rd!"))
                .isInstanceOf(SignInResult.Authenticated.class);
    }

    @Test
    void run_doesNothing_whenAnActiveAdminExists(CapturedOutput output) {
        when(records.anyActiveAdmin()).thenReturn(true);

        bootstrap("").run(new DefaultApplicationArguments());

        assertThat(cognito.findUser("boss@example.com")).isEmpty();
        verify(records, never()).createActiveAdminRecords(any(), any(), any());
        verifyNoInteractions(audit);
        assertThat(output.getAll()).doesNotContain("bootstrap admin password");
    }
}
