package org.adminprovisioning.cognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.withSettings;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.Answers;

import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DescribeUserPoolRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DescribeUserPoolResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InternalErrorException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PasswordPolicyType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolPolicyType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

/**
 * {@link AwsCognitoGateway#passwordPolicy()} against a mocked SDK client: the pool's
 * {@code DescribeUserPool} answer becomes our {@link PasswordPolicy}, what it leaves out is Cognito's
 * default, it is asked once for many readers, and its failures are the port's.
 */
class PoolPasswordPolicyTests {

    private static final CognitoProperties POOL = new CognitoProperties("eu-west-1_Pool", "client-1", "", "eu-west-1",
            "admins", null, "", "", Duration.ofSeconds(10), Duration.ofSeconds(3), 1, Duration.ofDays(7));

    private CognitoIdentityProviderClient client;
    private AwsCognitoGateway gateway;

    @BeforeEach
    void setUp() {
        client = mock(CognitoIdentityProviderClient.class, withSettings().defaultAnswer(Answers.CALLS_REAL_METHODS));
        gateway = new AwsCognitoGateway(client, POOL);
    }

    @Test
    void passwordPolicy_isThePoolsDescribedPolicy_askedForByPoolId() {
        describeAnswers(PasswordPolicyType.builder().minimumLength(12).requireUppercase(true).requireLowercase(false)
                .requireNumbers(true).requireSymbols(false).temporaryPasswordValidityDays(3).build());

        assertThat(gateway.passwordPolicy()).isEqualTo(new PasswordPolicy(12, true, false, true, false));
        ArgumentCaptor<DescribeUserPoolRequest> request = ArgumentCaptor.forClass(DescribeUserPoolRequest.class);
        verify(client).describeUserPool(request.capture());
        assertThat(request.getValue().userPoolId()).isEqualTo("eu-west-1_Pool");
    }

    @Test
    void passwordPolicy_takesCognitosDefaults_forWhatThePoolLeavesOut() {
        describeAnswers(PasswordPolicyType.builder().minimumLength(10).build());
        assertThat(gateway.passwordPolicy()).isEqualTo(new PasswordPolicy(10, true, true, true, true));
    }

    @Test
    void passwordPolicy_isCognitosDefault_whenThePoolDescribesNoPolicies_asSomeEmulatorsDo() {
        doReturn(DescribeUserPoolResponse.builder().userPool(UserPoolType.builder().id("eu-west-1_Pool").build()).build())
                .when(client).describeUserPool(any(DescribeUserPoolRequest.class));
        assertThat(gateway.passwordPolicy()).isEqualTo(PasswordPolicy.cognitoDefault());
    }

    @Test
    void passwordPolicy_isAskedOnce_forManyReaders() {
        describeAnswers(PasswordPolicyType.builder().minimumLength(14).build());

        for (int i = 0; i < 5; i++) {
            assertThat(gateway.passwordPolicy().minimumLength()).isEqualTo(14);
        }
        verify(client, times(1)).describeUserPool(any(DescribeUserPoolRequest.class));
    }

    @Test
    void passwordPolicy_failures_areThePortsExceptions_andNothingIsKept() {
        doThrow(AwsCognitoGatewayTests.error(InternalErrorException.builder(), "InternalErrorException", 500))
                .when(client).describeUserPool(any(DescribeUserPoolRequest.class));
        assertThatThrownBy(gateway::passwordPolicy).isInstanceOf(CognitoUnavailableException.class)
                .hasMessageContaining("DescribeUserPool");

        doThrow(AwsCognitoGatewayTests.error(TooManyRequestsException.builder(), "TooManyRequestsException", 400))
                .when(client).describeUserPool(any(DescribeUserPoolRequest.class));
        assertThatThrownBy(gateway::passwordPolicy).isInstanceOf(CognitoThrottledException.class);

        describeAnswers(PasswordPolicyType.builder().minimumLength(9).build());
        assertThat(gateway.passwordPolicy().minimumLength()).isEqualTo(9);
    }

    private void describeAnswers(PasswordPolicyType policy) {
        doReturn(DescribeUserPoolResponse.builder().userPool(UserPoolType.builder().id("eu-west-1_Pool")
                .policies(UserPoolPolicyType.builder().passwordPolicy(policy).build()).build()).build())
                .when(client).describeUserPool(any(DescribeUserPoolRequest.class));
    }
}
