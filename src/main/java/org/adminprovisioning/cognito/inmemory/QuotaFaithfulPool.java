package org.adminprovisioning.cognito.inmemory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

import org.adminprovisioning.cognito.QuotaCategory;

import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminAddUserToGroupRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminAddUserToGroupResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminCreateUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminCreateUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminDeleteUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminDeleteUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminDisableUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminDisableUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminEnableUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminEnableUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminListGroupsForUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminListGroupsForUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminSetUserPasswordRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminSetUserPasswordResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminUserGlobalSignOutRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminUserGlobalSignOutResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AssociateSoftwareTokenRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AssociateSoftwareTokenResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ConfirmForgotPasswordRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ConfirmForgotPasswordResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DescribeUserPoolRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DescribeUserPoolResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ForgotPasswordRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ForgotPasswordResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersInGroupRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersInGroupResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifySoftwareTokenRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifySoftwareTokenResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException;

/**
 * The in-memory pool as Cognito answers over the network, for honest measurements: each call takes
 * {@code cognito.in-memory.latency}, and a call over its {@link QuotaCategory}'s rate
 * ({@code cognito.in-memory.quotas.*}) is refused with the SDK's {@code TooManyRequestsException},
 * before the pool acts, as Cognito refuses it. A category's quota holds one second's worth of calls, so
 * a caller keeping to the rate is never refused.
 */
final class QuotaFaithfulPool implements CognitoIdentityProviderClient {

    private final CognitoIdentityProviderClient pool;
    private final Map<QuotaCategory, Bucket> quotas = new EnumMap<>(QuotaCategory.class);
    private final Duration latency;

    private QuotaFaithfulPool(CognitoIdentityProviderClient pool, InMemoryPoolProperties.Quotas quotas,
            Duration latency, Clock clock) {
        this.pool = pool;
        this.latency = latency;
        for (QuotaCategory category : QuotaCategory.values()) {
            int perSecond = quotas.perSecond(category);
            if (perSecond > 0) {
                this.quotas.put(category, Bucket.builder()
                        .addLimit(limit -> limit.capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)))
                        .withCustomTimePrecision(time(clock)).build());
            }
        }
    }

    /** The pool itself when it has neither quotas nor latency, else the pool behind them. */
    static CognitoIdentityProviderClient around(CognitoIdentityProviderClient pool, InMemoryPoolProperties properties,
            Clock clock) {
        if (!properties.quotas().any() && properties.latency().isZero()) {
            return pool;
        }
        return new QuotaFaithfulPool(pool, properties.quotas(), properties.latency(), clock);
    }

    private <T> T answer(String api, Supplier<T> call) {
        Bucket quota = quotas.get(QuotaCategory.of(api));
        if (quota != null && !quota.tryConsume(1)) {
            throw (TooManyRequestsException) PoolErrors.error(TooManyRequestsException.builder(),
                    "TooManyRequestsException", "Too many requests");
        }
        if (!latency.isZero()) {
            try {
                Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return call.get();
    }

    private static TimeMeter time(Clock clock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    @Override
    public String serviceName() {
        return pool.serviceName();
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public AdminCreateUserResponse adminCreateUser(AdminCreateUserRequest request) {
        return answer("AdminCreateUser", () -> pool.adminCreateUser(request));
    }

    @Override
    public AdminSetUserPasswordResponse adminSetUserPassword(AdminSetUserPasswordRequest request) {
        return answer("AdminSetUserPassword", () -> pool.adminSetUserPassword(request));
    }

    @Override
    public AdminAddUserToGroupResponse adminAddUserToGroup(AdminAddUserToGroupRequest request) {
        return answer("AdminAddUserToGroup", () -> pool.adminAddUserToGroup(request));
    }

    @Override
    public AdminGetUserResponse adminGetUser(AdminGetUserRequest request) {
        return answer("AdminGetUser", () -> pool.adminGetUser(request));
    }

    @Override
    public AdminDisableUserResponse adminDisableUser(AdminDisableUserRequest request) {
        return answer("AdminDisableUser", () -> pool.adminDisableUser(request));
    }

    @Override
    public AdminEnableUserResponse adminEnableUser(AdminEnableUserRequest request) {
        return answer("AdminEnableUser", () -> pool.adminEnableUser(request));
    }

    @Override
    public AdminUserGlobalSignOutResponse adminUserGlobalSignOut(AdminUserGlobalSignOutRequest request) {
        return answer("AdminUserGlobalSignOut", () -> pool.adminUserGlobalSignOut(request));
    }

    @Override
    public AdminListGroupsForUserResponse adminListGroupsForUser(AdminListGroupsForUserRequest request) {
        return answer("AdminListGroupsForUser", () -> pool.adminListGroupsForUser(request));
    }

    @Override
    public DescribeUserPoolResponse describeUserPool(DescribeUserPoolRequest request) {
        return answer("DescribeUserPool", () -> pool.describeUserPool(request));
    }

    @Override
    public ListUsersResponse listUsers(ListUsersRequest request) {
        return answer("ListUsers", () -> pool.listUsers(request));
    }

    @Override
    public ListUsersInGroupResponse listUsersInGroup(ListUsersInGroupRequest request) {
        return answer("ListUsersInGroup", () -> pool.listUsersInGroup(request));
    }

    @Override
    public AdminDeleteUserResponse adminDeleteUser(AdminDeleteUserRequest request) {
        return answer("AdminDeleteUser", () -> pool.adminDeleteUser(request));
    }

    @Override
    public InitiateAuthResponse initiateAuth(InitiateAuthRequest request) {
        return answer("InitiateAuth", () -> pool.initiateAuth(request));
    }

    @Override
    public RespondToAuthChallengeResponse respondToAuthChallenge(RespondToAuthChallengeRequest request) {
        return answer("RespondToAuthChallenge", () -> pool.respondToAuthChallenge(request));
    }

    @Override
    public AssociateSoftwareTokenResponse associateSoftwareToken(AssociateSoftwareTokenRequest request) {
        return answer("AssociateSoftwareToken", () -> pool.associateSoftwareToken(request));
    }

    @Override
    public VerifySoftwareTokenResponse verifySoftwareToken(VerifySoftwareTokenRequest request) {
        return answer("VerifySoftwareToken", () -> pool.verifySoftwareToken(request));
    }

    @Override
    public ForgotPasswordResponse forgotPassword(ForgotPasswordRequest request) {
        return answer("ForgotPassword", () -> pool.forgotPassword(request));
    }

    @Override
    public ConfirmForgotPasswordResponse confirmForgotPassword(ConfirmForgotPasswordRequest request) {
        return answer("ConfirmForgotPassword", () -> pool.confirmForgotPassword(request));
    }
}
