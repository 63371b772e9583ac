package org.adminprovisioning.cognito;

import static org.adminprovisioning.cognito.AwsCognitoGatewayTests.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.withSettings;

import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.adminprovisioning.testsupport.TestProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Answers;

import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminDisableUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminEnableUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InternalErrorException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LimitExceededException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

/**
 * Every gateway call goes through {@link CognitoCalls}: it waits for its quota's turn, is tried again
 * when Cognito throttles it anyway (a bounded number of times), and is counted by API and outcome.
 */
class CognitoCallsTests {

    private static final CognitoProperties POOL = TestProperties.defaults("cognito", CognitoProperties.class);

    private final FakeTime time = new FakeTime();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private CognitoIdentityProviderClient client;

    @BeforeEach
    void setUp() {
        client = mock(CognitoIdentityProviderClient.class, withSettings().defaultAnswer(Answers.CALLS_REAL_METHODS));
    }

    private AwsCognitoGateway gateway(int userRead, int throttleRetries, Duration maxWait) {
        CognitoQuotaProperties quotas = new CognitoQuotaProperties(true, 50, userRead, 30, 120, 25, 30, 15, maxWait,
                throttleRetries, Duration.ofMillis(1));
        return new AwsCognitoGateway(client, POOL,
                new CognitoCalls(QuotaLimiter.local(quotas, time, time), meters, throttleRetries, Duration.ofMillis(1)));
    }

    private double count(String api, String outcome) {
        var timer = meters.find("cognito.calls").tag("api", api).tag("outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    private static AdminGetUserResponse user() {
        return AdminGetUserResponse.builder().username("u-1").userStatus("CONFIRMED").enabled(true).build();
    }

    @Test
    void aThrottledCall_isTriedAgain_andSucceeds_neverReachingTheCaller() {
        AwsCognitoGateway gateway = gateway(120, 4, Duration.ofSeconds(30));
        var throttled = error(TooManyRequestsException.builder(), "TooManyRequestsException", 400);
        doThrow(throttled).doThrow(throttled).doReturn(user()).when(client).adminGetUser(any(AdminGetUserRequest.class));

        assertThat(gateway.findUser("u-1")).hasValueSatisfying(found -> assertThat(found.username()).isEqualTo("u-1"));

        verify(client, times(3)).adminGetUser(any(AdminGetUserRequest.class));
        assertThat(count("AdminGetUser", "throttled")).isEqualTo(2);
        assertThat(count("AdminGetUser", "success")).isEqualTo(1);
    }

    @Test
    void aCallThrottledBeyondItsRetries_failsAsThrottled_refusedBeforeActing() {
        AwsCognitoGateway gateway = gateway(120, 2, Duration.ofSeconds(30));
        doThrow(error(LimitExceededException.builder(), "LimitExceededException", 400))
                .when(client).adminDisableUser(any(AdminDisableUserRequest.class));

        assertThatThrownBy(() -> gateway.disableUser("u-1")).isInstanceOfSatisfying(CognitoThrottledException.class,
                e -> assertThat(e.refusedBeforeActing()).isTrue());

        verify(client, times(3)).adminDisableUser(any(AdminDisableUserRequest.class));
        assertThat(count("AdminDisableUser", "throttled")).isEqualTo(3);
    }

    @Test
    void otherFailures_areNeverRetried_andCountedByWhatTheyAre() {
        AwsCognitoGateway gateway = gateway(120, 4, Duration.ofSeconds(30));
        doThrow(error(InternalErrorException.builder(), "InternalErrorException", 500))
                .when(client).adminDisableUser(any(AdminDisableUserRequest.class));
        doThrow(error(UserNotFoundException.builder(), "UserNotFoundException", 400))
                .when(client).adminEnableUser(any(AdminEnableUserRequest.class));

        assertThatThrownBy(() -> gateway.disableUser("u-1")).isExactlyInstanceOf(CognitoUnavailableException.class);
        assertThatThrownBy(() -> gateway.enableUser("u-1")).isInstanceOf(CognitoUserNotFoundException.class);

        verify(client, times(1)).adminDisableUser(any(AdminDisableUserRequest.class));
        verify(client, times(1)).adminEnableUser(any(AdminEnableUserRequest.class));
        assertThat(count("AdminDisableUser", "unavailable")).isEqualTo(1);
        assertThat(count("AdminEnableUser", "rejected")).isEqualTo(1);
    }

    @Test
    void theDailyEmailLimit_isNeverRetried() {
        AwsCognitoGateway gateway = gateway(120, 4, Duration.ofSeconds(30));
        var daily = LimitExceededException.builder().statusCode(400).message("Exceeded daily email limit for the "
                + "operation or the account. If a higher limit is required, please configure your user pool to use "
                + "your own Amazon SES configuration for sending email.").build();
        doThrow(daily).when(client).adminDisableUser(any(AdminDisableUserRequest.class));

        assertThatThrownBy(() -> gateway.disableUser("u-1")).isInstanceOf(EmailQuotaExceededException.class);
        verify(client, times(1)).adminDisableUser(any(AdminDisableUserRequest.class));
        assertThat(count("AdminDisableUser", "email-quota-exceeded")).isEqualTo(1);
    }

    @Test
    void callsWait_forTheirQuotasTurn() {
        AwsCognitoGateway gateway = gateway(10, 0, Duration.ofSeconds(30));
        doReturn(user()).when(client).adminGetUser(any(AdminGetUserRequest.class));

        for (int i = 0; i < 12; i++) {
            gateway.findUser("u-1");
        }

        // UserRead at 10/s: a burst of 2, then 10 calls 100 ms apart.
        assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(1));
        assertThat(meters.find("cognito.quota.wait").tag("category", "USER_READ").timer().count()).isEqualTo(12);
    }

    @Test
    void aCallWhoseTurnIsTooFarAway_isNotMade_andFailsAsThrottled() {
        // Waiting without moving the clock: as many callers queued at once.
        CognitoQuotaProperties quotas = new CognitoQuotaProperties(true, 50, 10, 30, 120, 25, 30, 15,
                Duration.ofMillis(150), 0, Duration.ofMillis(1));
        AwsCognitoGateway gateway = new AwsCognitoGateway(client, POOL,
                new CognitoCalls(QuotaLimiter.local(quotas, time, nanos -> { }), meters, 0, Duration.ofMillis(1)));
        doReturn(user()).when(client).adminGetUser(any(AdminGetUserRequest.class));
        for (int i = 0; i < 3; i++) {
            gateway.findUser("u-1");
        }

        assertThatThrownBy(() -> gateway.findUser("u-1")).isInstanceOf(CognitoThrottledException.class)
                .hasMessageContaining("cognito.quotas.max-wait");
        verify(client, times(3)).adminGetUser(any(AdminGetUserRequest.class));
        verify(client, never()).adminDisableUser(any(AdminDisableUserRequest.class));
        assertThat(count("AdminGetUser", "paced-out")).isEqualTo(1);
    }
}
