package org.adminprovisioning.cognito.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.adminprovisioning.cognito.AdminAlreadyExistsInCognitoException;
import org.adminprovisioning.cognito.AuthTokens;
import org.adminprovisioning.cognito.AwsCognitoGateway;
import org.adminprovisioning.cognito.CognitoProperties;
import org.adminprovisioning.cognito.CognitoUser;
import org.adminprovisioning.cognito.CognitoUserNotFoundException;
import org.adminprovisioning.cognito.CognitoUserPage;
import org.adminprovisioning.cognito.CognitoUserStatus;
import org.adminprovisioning.cognito.InvalidCredentialsException;
import org.adminprovisioning.cognito.InvalidInviteException;
import org.adminprovisioning.cognito.PasswordPolicy;
import org.adminprovisioning.cognito.PasswordPolicyViolationException;
import org.adminprovisioning.cognito.SessionExpiredException;
import org.adminprovisioning.cognito.SignInResult;
import org.adminprovisioning.cognito.TemporaryPasswordExpiredException;
import org.adminprovisioning.testsupport.MutableClock;
import org.adminprovisioning.testsupport.TestProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

/** The in-memory pool behaves like a Cognito pool whose sign-in attribute is the email. */
class InMemoryUserPoolTests {

    private static final String EMAIL = "new.admin@example.com";
    private static final String TEMPORARY = "Temp-Passw0rd!";
    private static final String CHOSEN = "Chosen-Passw0rd!";

    private static final MutableClock clock = new MutableClock();
    private static final CognitoProperties settings = TestProperties.defaults("cognito", CognitoProperties.class);
    // One RSA key for the class: generating 2048-bit keys per test only costs time.
    private static final InMemoryTokenIssuer tokens = new InMemoryTokenIssuer(settings.issuerUri(),
            settings.clientId(), clock);

    private InMemoryOutbox outbox;
    private InMemoryUserPool pool;
    private AwsCognitoGateway gateway;

    @BeforeEach
    void freshPool() {
        clock.reset();
        outbox = new InMemoryOutbox();
        pool = new InMemoryUserPool(settings, PasswordPolicy.cognitoDefault(), tokens, outbox, clock);
        gateway = new AwsCognitoGateway(pool, settings);
    }

    private CognitoUser invited(String email) {
        CognitoUser user = gateway.createAdminUser(email, TEMPORARY);
        gateway.addToAdminGroup(user.username());
        return user;
    }

    private AuthTokens firstSignIn(String email) {
        SignInResult.NewPasswordRequired challenge = (SignInResult.NewPasswordRequired) gateway.signIn(email,
                TEMPORARY);
        return ((SignInResult.Authenticated) gateway.respondToNewPasswordChallenge(challenge.username(),
                challenge.session(), CHOSEN)).tokens();
    }

    private static JWTClaimsSet verifiedClaims(String token) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) tokens.publicKey()))).as("RS256 signature").isTrue();
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(jwt.getHeader().getKeyID()).isNotBlank();
        return jwt.getJWTClaimsSet();
    }

    @Test
    void createAdminUser_givesAUuidUsernameAndSub_andStartsInForceChangePassword() {
        Instant before = clock.instant();
        CognitoUser user = gateway.createAdminUser(EMAIL, TEMPORARY);

        assertThat(UUID.fromString(user.username())).isNotNull();
        assertThat(UUID.fromString(user.sub())).isNotNull();
        assertThat(user.sub()).isNotEqualTo(user.username());
        assertThat(user.email()).isEqualTo(EMAIL);
        assertThat(user.status()).isEqualTo(CognitoUserStatus.FORCE_CHANGE_PASSWORD);
        assertThat(user.enabled()).isTrue();
        assertThat(user.createdAt()).isBetween(before, clock.instant()).isEqualTo(user.modifiedAt());

        AdminGetUserResponse stored = pool.adminGetUser(r -> r.userPoolId(settings.userPoolId()).username(EMAIL));
        assertThat(stored.username()).isEqualTo(user.username());
        assertThat(stored.userStatus()).isEqualTo(UserStatusType.FORCE_CHANGE_PASSWORD);
        assertThat(stored.userAttributes()).extracting(AttributeType::name, AttributeType::value)
                .contains(org.assertj.core.groups.Tuple.tuple("email_verified", "true"),
                        org.assertj.core.groups.Tuple.tuple("email", EMAIL),
                        org.assertj.core.groups.Tuple.tuple("sub", user.sub()));
    }

    @Test
    void createAdminUser_emailsTheInvitationWithTheTemporaryPassword_likeCognitosMessage() {
        CognitoUser user = gateway.createAdminUser(EMAIL, TEMPORARY);

        assertThat(outbox.to("  NEW.ADMIN@example.com ")).singleElement().satisfies(message -> {
            assertThat(message.to()).isEqualTo(EMAIL);
            assertThat(message.username()).isEqualTo(user.username());
            assertThat(message.temporaryPassword()).isEqualTo(TEMPORARY);
            assertThat(message.body()).isEqualTo(
                    "Your username is " + EMAIL + " and temporary password is " + TEMPORARY + ".");
            assertThat(message.toString()).doesNotContain(TEMPORARY);
        });
    }

    @Test
    void createAdminUser_refusesADuplicateEmailInAnyLetterCase_asUsernameExistsException() {
        gateway.createAdminUser(EMAIL, TEMPORARY);

        assertThatThrownBy(() -> pool.adminCreateUser(r -> r.userPoolId(settings.userPoolId())
                .username("New.Admin@EXAMPLE.com").temporaryPassword(TEMPORARY)))
                .isInstanceOfSatisfying(UsernameExistsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UsernameExistsException");
                    assertThat(e.statusCode()).isEqualTo(400);
                });
        assertThatThrownBy(() -> gateway.createAdminUser(EMAIL, TEMPORARY))
                .isInstanceOf(AdminAlreadyExistsInCognitoException.class)
                .hasMessageContaining("UsernameExistsException");
        assertThat(pool.size()).isEqualTo(1);
        assertThat(outbox.all()).hasSize(1);
    }

    @Test
    void createAdminUser_refusesATemporaryPasswordThePolicyRejects() {
        assertThatThrownBy(() -> gateway.createAdminUser(EMAIL, "weak")).isInstanceOf(InvalidInviteException.class)
                .hasMessageContaining("Password not long enough");
        assertThat(pool.size()).isZero();
        assertThat(outbox.all()).isEmpty();
    }

    @Test
    void signIn_answersNewPasswordRequired_thenTheChallengeConfirmsTheUserAndIssuesTokens() throws Exception {
        CognitoUser user = invited(EMAIL);

        SignInResult first = gateway.signIn(EMAIL, TEMPORARY);
        assertThat(first).isInstanceOfSatisfying(SignInResult.NewPasswordRequired.class, challenge -> {
            assertThat(challenge.username()).isEqualTo(user.username());
            assertThat(challenge.session()).isNotBlank();
            assertThat(challenge.toString()).doesNotContain(challenge.session());
        });
        SignInResult.NewPasswordRequired challenge = (SignInResult.NewPasswordRequired) first;

        AuthTokens issued = ((SignInResult.Authenticated) gateway.respondToNewPasswordChallenge(challenge.username(),
                challenge.session(), CHOSEN)).tokens();

        assertThat(issued.tokenType()).isEqualTo("Bearer");
        assertThat(issued.expiresIn()).isEqualTo(3600);
        assertThat(issued.refreshToken()).isNotBlank();
        assertThat(issued.toString()).doesNotContain(issued.accessToken());
        assertThat(gateway.findUser(EMAIL)).get().extracting(CognitoUser::status)
                .isEqualTo(CognitoUserStatus.CONFIRMED);
        assertThat(gateway.signIn(EMAIL, CHOSEN)).isInstanceOf(SignInResult.Authenticated.class);
        assertThatThrownBy(() -> gateway.signIn(EMAIL, TEMPORARY)).isInstanceOf(InvalidCredentialsException.class);
    }

    @Test
    void tokens_carryCognitosClaims_andAreSignedWithThePoolsKey() throws Exception {
        CognitoUser user = invited(EMAIL);
        AuthTokens issued = firstSignIn(EMAIL);

        JWTClaimsSet access = verifiedClaims(issued.accessToken());
        assertThat(access.getIssuer()).isEqualTo("https://cognito-idp.us-east-1.amazonaws.com/"
                + settings.userPoolId());
        assertThat(access.getSubject()).isEqualTo(user.sub());
        assertThat(access.getStringClaim("client_id")).isEqualTo(settings.clientId());
        assertThat(access.getStringClaim("token_use")).isEqualTo("access");
        assertThat(access.getStringClaim("username")).isEqualTo(user.username());
        assertThat(access.getStringListClaim("cognito:groups")).containsExactly(settings.adminGroup());
        assertThat(Duration.between(access.getIssueTime().toInstant(), access.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofHours(1));

        JWTClaimsSet id = verifiedClaims(issued.idToken());
        assertThat(id.getAudience()).containsExactly(settings.clientId());
        assertThat(id.getStringClaim("token_use")).isEqualTo("id");
        assertThat(id.getStringClaim("email")).isEqualTo(EMAIL);
        assertThat(id.getStringClaim("cognito:username")).isEqualTo(user.username());
        assertThat(id.getStringClaim("origin_jti")).isEqualTo(access.getStringClaim("origin_jti"));
    }

    @Test
    void tokens_ofAUserOutsideTheAdminGroup_carryNoGroups() throws Exception {
        gateway.createAdminUser(EMAIL, TEMPORARY);

        AuthTokens issued = firstSignIn(EMAIL);

        assertThat(verifiedClaims(issued.accessToken()).getClaim("cognito:groups")).isNull();
    }

    @Test
    void respondToNewPasswordChallenge_keepsTheSessionUsable_afterThePolicyRefusesTheNewPassword() {
        invited(EMAIL);
        SignInResult.NewPasswordRequired challenge = (SignInResult.NewPasswordRequired) gateway.signIn(EMAIL,
                TEMPORARY);

        assertThatThrownBy(() -> gateway.respondToNewPasswordChallenge(challenge.username(), challenge.session(),
                "alllowercase1!")).isInstanceOf(PasswordPolicyViolationException.class)
                .hasMessageContaining("Password must have uppercase characters");
        assertThat(gateway.findUser(EMAIL).orElseThrow().status()).isEqualTo(CognitoUserStatus.FORCE_CHANGE_PASSWORD);

        assertThat(gateway.respondToNewPasswordChallenge(challenge.username(), challenge.session(), CHOSEN))
                .isNotNull();
    }

    @Test
    void respondToNewPasswordChallenge_refusesASessionUsedBefore_orExpired() {
        invited(EMAIL);
        SignInResult.NewPasswordRequired used = (SignInResult.NewPasswordRequired) gateway.signIn(EMAIL, TEMPORARY);
        gateway.respondToNewPasswordChallenge(used.username(), used.session(), CHOSEN);
        assertThatThrownBy(() -> gateway.respondToNewPasswordChallenge(used.username(), used.session(), CHOSEN))
                .isInstanceOf(SessionExpiredException.class);

        invited("second.admin@example.com");
        SignInResult.NewPasswordRequired stale = (SignInResult.NewPasswordRequired) gateway
                .signIn("second.admin@example.com", TEMPORARY);
        clock.advance(Duration.ofMinutes(3).plusSeconds(1));
        assertThatThrownBy(() -> gateway.respondToNewPasswordChallenge(stale.username(), stale.session(), CHOSEN))
                .isInstanceOf(SessionExpiredException.class).hasMessageContaining("session is expired");
        assertThatThrownBy(() -> gateway.respondToNewPasswordChallenge(stale.username(), "forged-session", CHOSEN))
                .isInstanceOf(SessionExpiredException.class);
    }

    @Test
    void signIn_refusesTheTemporaryPassword_sevenDaysAfterTheInvitation_untilAResend() {
        CognitoUser user = invited(EMAIL);

        clock.advance(Duration.ofDays(7).minusMinutes(1));
        assertThat(gateway.signIn(EMAIL, TEMPORARY)).isInstanceOf(SignInResult.NewPasswordRequired.class);

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThatThrownBy(() -> gateway.signIn(EMAIL, TEMPORARY)).isInstanceOf(TemporaryPasswordExpiredException.class)
                .hasMessageContaining("NotAuthorizedException")
                .hasMessageContaining("Temporary password has expired and must be reset by an administrator.");
        assertThatThrownBy(() -> gateway.signIn(EMAIL, "Wrong-Passw0rd!")).isInstanceOf(InvalidCredentialsException.class)
                .as("only the right temporary password learns that it expired");

        CognitoUser resent = gateway.resendInvite(user.username(), "Fresh-Passw0rd!");
        assertThat(resent.status()).isEqualTo(CognitoUserStatus.FORCE_CHANGE_PASSWORD);
        assertThat(resent.modifiedAt()).isAfter(user.modifiedAt());
        assertThat(outbox.to(EMAIL)).extracting(OutboxMessage::temporaryPassword)
                .containsExactly(TEMPORARY, "Fresh-Passw0rd!");
        assertThatThrownBy(() -> gateway.signIn(EMAIL, TEMPORARY)).isInstanceOf(InvalidCredentialsException.class);
        assertThat(gateway.signIn(EMAIL, "Fresh-Passw0rd!")).isInstanceOf(SignInResult.NewPasswordRequired.class);
    }

    @Test
    void resendInvite_isRefused_onceTheUserIsConfirmed_orForAnUnknownUser() {
        CognitoUser user = invited(EMAIL);
        firstSignIn(EMAIL);

        assertThatThrownBy(() -> gateway.resendInvite(user.username(), "Fresh-Passw0rd!"))
                .isInstanceOf(InvalidInviteException.class).hasMessageContaining("FORCE_CHANGE_PASSWORD");
        assertThatThrownBy(() -> gateway.resendInvite(UUID.randomUUID().toString(), "Fresh-Passw0rd!"))
                .isInstanceOf(CognitoUserNotFoundException.class);
    }

    @Test
    void signIn_looksLikeAWrongPassword_forAnUnknownOrDisabledUser() {
        invited(EMAIL);
        firstSignIn(EMAIL);

        assertThatThrownBy(() -> gateway.signIn("nobody@example.com", CHOSEN))
                .isInstanceOf(InvalidCredentialsException.class).hasMessageContaining("Incorrect username or password");
        assertThatThrownBy(() -> gateway.signIn(EMAIL, "Wrong-Passw0rd!"))
                .isInstanceOf(InvalidCredentialsException.class).hasMessageContaining("Incorrect username or password");

        pool.adminDisableUser(r -> r.userPoolId(settings.userPoolId()).username(EMAIL));
        assertThatThrownBy(() -> gateway.signIn(EMAIL, CHOSEN)).isInstanceOf(InvalidCredentialsException.class)
                .hasMessageContaining("disabled");
    }

    @Test
    void findUser_findsByUsernameOrEmailInAnyCase_andDeleteUserIsIdempotent() {
        CognitoUser user = invited(EMAIL);

        assertThat(gateway.findUser(user.username())).contains(user);
        assertThat(gateway.findUser("NEW.ADMIN@EXAMPLE.COM")).contains(user);

        gateway.deleteUser(user.username());
        gateway.deleteUser(user.username());

        assertThat(gateway.findUser(EMAIL)).isEmpty();
        assertThat(gateway.findUser(user.username())).isEmpty();
        assertThat(pool.size()).isZero();
    }

    @Test
    void listAdminGroupUsers_pagesSixtyAtATime_oldestFirst_withoutGapsOrRepeats() {
        for (int i = 0; i < 130; i++) {
            invited("admin" + i + "@example.com");
            clock.advance(Duration.ofMillis(1));
        }
        gateway.createAdminUser("outsider@example.com", TEMPORARY);

        List<CognitoUser> all = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String next = null;
        do {
            CognitoUserPage page = gateway.listAdminGroupUsers(next);
            sizes.add(page.users().size());
            all.addAll(page.users());
            next = page.nextToken();
            assertThat(page.hasNext()).isEqualTo(next != null);
        } while (next != null);

        assertThat(sizes).containsExactly(60, 60, 10);
        Set<String> emails = new HashSet<>();
        all.forEach(u -> emails.add(u.email()));
        assertThat(emails).hasSize(130).doesNotContain("outsider@example.com");
        assertThat(all).extracting(CognitoUser::createdAt).isSorted();
        assertThat(all.get(0).email()).isEqualTo("admin0@example.com");
    }

    @Test
    void disableUser_refusesTheNextSignIn_andEnableUserLetsItBackIn() {
        CognitoUser user = invited(EMAIL);
        firstSignIn(EMAIL);

        gateway.disableUser(user.username());
        gateway.disableUser(user.username());

        assertThat(gateway.findUser(user.username()).orElseThrow().enabled()).isFalse();
        assertThatThrownBy(() -> gateway.signIn(EMAIL, CHOSEN)).isInstanceOf(InvalidCredentialsException.class);

        gateway.signOutEverywhere(user.username());
        gateway.enableUser(user.username());

        assertThat(gateway.findUser(user.username()).orElseThrow().enabled()).isTrue();
        assertThat(gateway.signIn(EMAIL, CHOSEN)).isInstanceOf(SignInResult.Authenticated.class);
    }

    @Test
    void disableEnableSignOutAndGroups_ofAnUnknownUser_areUserNotFound() {
        for (java.util.function.Consumer<String> call : List.<java.util.function.Consumer<String>>of(
                gateway::disableUser, gateway::enableUser, gateway::signOutEverywhere, gateway::isInAdminGroup)) {
            assertThatThrownBy(() -> call.accept("no-such-user")).isInstanceOf(CognitoUserNotFoundException.class);
        }
    }

    @Test
    void isInAdminGroup_isTrue_onlyAfterTheUserJoinedIt_andAListingNoLongerShowsADeletedMember() {
        CognitoUser member = invited(EMAIL);
        CognitoUser outsider = gateway.createAdminUser("outsider@example.com", TEMPORARY);

        assertThat(gateway.isInAdminGroup(member.username())).isTrue();
        assertThat(gateway.isInAdminGroup(outsider.username())).isFalse();

        gateway.deleteUser(member.username());

        assertThat(gateway.listAdminGroupUsers(null).users()).isEmpty();
    }

    @Test
    void listUsers_honoursTheLimitAndTheEmailFilter() {
        for (int i = 0; i < 7; i++) {
            gateway.createAdminUser("user" + i + "@example.com", TEMPORARY);
        }

        ListUsersResponse firstPage = pool.listUsers(r -> r.userPoolId(settings.userPoolId()).limit(5));
        assertThat(firstPage.users()).hasSize(5);
        ListUsersResponse secondPage = pool.listUsers(r -> r.userPoolId(settings.userPoolId()).limit(5)
                .paginationToken(firstPage.paginationToken()));
        assertThat(secondPage.users()).hasSize(2);
        assertThat(secondPage.paginationToken()).isNull();

        assertThat(pool.listUsers(r -> r.userPoolId(settings.userPoolId()).filter("email = \"USER3@example.com\""))
                .users()).singleElement().satisfies(u -> assertThat(u.attributes()).contains(
                        AttributeType.builder().name("email").value("user3@example.com").build()));
    }

    @Test
    void listUsers_answersExactSubAndUsernameFilters_fromItsIndexes_andRefusesOthers() {
        CognitoUser wanted = null;
        for (int i = 0; i < 50; i++) {
            CognitoUser user = gateway.createAdminUser("user" + i + "@example.com", TEMPORARY);
            if (i == 37) {
                wanted = user;
            }
        }
        String sub = wanted.sub();
        String username = wanted.username();

        assertThat(pool.listUsers(r -> r.userPoolId(settings.userPoolId()).filter("sub = \"" + sub + "\""))
                .users()).singleElement().satisfies(u -> assertThat(u.username()).isEqualTo(username));
        assertThat(pool.listUsers(r -> r.userPoolId(settings.userPoolId()).filter("username = \"" + username + "\""))
                .users()).singleElement().satisfies(u -> assertThat(u.username()).isEqualTo(username));
        assertThat(pool.listUsers(r -> r.userPoolId(settings.userPoolId()).filter("sub = \"no-such-sub\""))
                .users()).isEmpty();
        assertThatThrownBy(() -> pool.listUsers(r -> r.userPoolId(settings.userPoolId()).filter("email ^= \"user\"")))
                .isInstanceOf(software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException.class);
    }

    @Test
    void listUsersInGroup_pagesInCreationOrder_andADeletionBetweenPagesSkipsNobody() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            created.add(pool.createConfirmedAdmin("member" + i + "@example.com", CHOSEN));
        }

        CognitoUserPage first = gateway.listAdminGroupUsers(null);
        assertThat(first.users()).extracting(CognitoUser::username).containsExactlyElementsOf(created.subList(0, 60));
        // Deleting users already listed must not shift the next page past anyone.
        gateway.deleteUser(created.get(0));
        gateway.deleteUser(created.get(59));
        List<String> seen = new ArrayList<>(first.users().stream().map(CognitoUser::username).toList());
        String next = first.nextToken();
        while (next != null) {
            CognitoUserPage page = gateway.listAdminGroupUsers(next);
            page.users().forEach(user -> seen.add(user.username()));
            next = page.nextToken();
        }

        assertThat(seen).containsExactlyElementsOf(created);
        ListUsersResponse all = pool.listUsers(r -> r.userPoolId(settings.userPoolId()).limit(60));
        assertThat(all.users()).hasSize(60);
        assertThat(all.users().get(0).username()).isEqualTo(created.get(1));
    }

    @Test
    void createConfirmedAdmin_makesAConfirmedGroupMemberWithAPermanentPassword_andSendsNoEmail() {
        CognitoUser admin = gateway.findUser(pool.createConfirmedAdmin("admin@example.com", CHOSEN)).orElseThrow();

        assertThat(admin.status()).isEqualTo(CognitoUserStatus.CONFIRMED);
        assertThat(gateway.listAdminGroupUsers(null).users()).extracting(CognitoUser::username)
                .containsExactly(admin.username());
        assertThat(outbox.all()).isEmpty();
        clock.advance(Duration.ofDays(30));
        assertThat(gateway.signIn("admin@example.com", CHOSEN)).isInstanceOf(SignInResult.Authenticated.class);
    }

    @Test
    void operations_onAnotherPoolOrClient_failLikeCognitosResourceNotFound() {
        assertThatThrownBy(() -> pool.adminGetUser(r -> r.userPoolId("us-east-1_Other").username(EMAIL)))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> pool.initiateAuth(r -> r.clientId("other-client")
                .authFlow("USER_PASSWORD_AUTH").authParameters(Map.of("USERNAME", EMAIL, "PASSWORD", TEMPORARY))))
                .hasMessageContaining("does not exist");
    }

    @Test
    void describeUserPool_tellsThePolicyThePoolEnforces_whichTheGatewayReadsAsOurs() {
        PasswordPolicy strict = new PasswordPolicy(14, true, true, true, false);
        AwsCognitoGateway strictPool = new AwsCognitoGateway(
                new InMemoryUserPool(settings, strict, tokens, outbox, clock), settings);

        assertThat(strictPool.passwordPolicy()).isEqualTo(strict);
        assertThat(gateway.passwordPolicy()).isEqualTo(PasswordPolicy.cognitoDefault());
        assertThat(pool.describeUserPool(r -> r.userPoolId(settings.userPoolId())).userPool().policies()
                .passwordPolicy().temporaryPasswordValidityDays()).isEqualTo(7);
        assertThatThrownBy(() -> pool.describeUserPool(r -> r.userPoolId("eu-west-1_Other")))
                .hasMessageContaining("does not exist");
    }
}
