package org.adminprovisioning.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.adminprovisioning.admin.AdminAccount;
import org.adminprovisioning.admin.AdminPrincipal;
import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.admin.AdminStatus;
import org.adminprovisioning.audit.AuditTrail;
import org.adminprovisioning.cognito.CognitoProperties;
import org.adminprovisioning.testsupport.TestProperties;
import org.junit.jupiter.api.Test;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** {@code ROLE_ADMIN} needs the admin group in the token and an ACTIVE {@code User} in our database. */
class AdminAuthenticationConverterTests {

    private static final String USERNAME = "22222222-2222-4222-8222-222222222222";
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final AdminRecords records = mock(AdminRecords.class);
    private final AuditTrail audit = mock(AuditTrail.class);
    private final AdminAuthenticationConverter converter = new AdminAuthenticationConverter(records, audit,
            TestProperties.defaults("cognito", CognitoProperties.class));

    private static Jwt token(List<String> groups) {
        Jwt.Builder jwt = Jwt.withTokenValue("token").header("alg", "RS256").subject("sub-2")
                .claim("username", USERNAME).claim("token_use", "access").issuedAt(NOW)
                .expiresAt(NOW.plusSeconds(3600));
        if (groups != null) {
            jwt.claim("cognito:groups", groups);
        }
        return jwt.build();
    }

    private static AdminAccount account(AdminStatus status) {
        return new AdminAccount(UUID.randomUUID(), "new.admin@example.com", USERNAME, "sub-2", status,
                "admin@example.com", NOW, null, NOW, 1, null, false, NOW);
    }

    private static Optional<AdminRecords.Caller> caller(AdminAccount account) {
        return Optional.of(AdminRecords.Caller.of(account));
    }

    private static List<String> authorities(AbstractAuthenticationToken authentication) {
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    }

    @Test
    void convert_grantsAdmin_toAnActiveAdminInTheAdminGroup() {
        AdminAccount active = account(AdminStatus.ACTIVE);
        when(records.findCaller(USERNAME)).thenReturn(caller(active));

        AbstractAuthenticationToken authentication = converter.convert(token(List.of("admins")));

        assertThat(authorities(authentication)).containsExactly("ROLE_ADMIN");
        assertThat(authentication.getPrincipal())
                .isEqualTo(new AdminPrincipal(active.id(), USERNAME, "new.admin@example.com"));
        assertThat(authentication.isAuthenticated()).isTrue();
    }

    @Test
    void convert_grantsNothing_withoutTheAdminGroup_andDoesNotAskTheDatabase() {
        assertThat(authorities(converter.convert(token(null)))).isEmpty();
        assertThat(authorities(converter.convert(token(List.of("readers"))))).isEmpty();
        verifyNoInteractions(records);
    }

    @Test
    void convert_grantsNothing_toAGroupMemberWithoutAUser() {
        when(records.findCaller(USERNAME)).thenReturn(Optional.empty());

        AbstractAuthenticationToken authentication = converter.convert(token(List.of("admins")));

        assertThat(authorities(authentication)).isEmpty();
        assertThat(authentication.getPrincipal()).isEqualTo(USERNAME);
    }

    @Test
    void convert_grantsNothing_toADisabledAdmin() {
        when(records.findCaller(USERNAME)).thenReturn(caller(account(AdminStatus.DISABLED)));

        assertThat(authorities(converter.convert(token(List.of("admins"))))).isEmpty();
        verify(records, never()).activate(USERNAME);
    }

    @Test
    void convert_activatesAnInvitedAdminWhoseActivationWriteWasLost() {
        when(records.findCaller(USERNAME)).thenReturn(caller(account(AdminStatus.INVITED)));
        when(records.activate(USERNAME)).thenReturn(Optional.of(account(AdminStatus.ACTIVE)));

        assertThat(authorities(converter.convert(token(List.of("admins"))))).containsExactly("ROLE_ADMIN");
        verify(records).activate(USERNAME);
    }

    @Test
    void convert_grantsNothing_whenADisableWonTheRaceAgainstTheCatchUpActivation() {
        when(records.findCaller(USERNAME)).thenReturn(caller(account(AdminStatus.INVITED)),
                caller(account(AdminStatus.DISABLED)));
        when(records.activate(USERNAME)).thenThrow(new OptimisticLockingFailureException("raced"));

        assertThat(authorities(converter.convert(token(List.of("admins"))))).isEmpty();
    }

    @Test
    void convert_grantsAdmin_whenTheSignInsOwnActivationWonTheRace() {
        when(records.findCaller(USERNAME)).thenReturn(caller(account(AdminStatus.INVITED)),
                caller(account(AdminStatus.ACTIVE)));
        when(records.activate(USERNAME)).thenThrow(new OptimisticLockingFailureException("raced"));

        assertThat(authorities(converter.convert(token(List.of("admins"))))).containsExactly("ROLE_ADMIN");
    }

    @Test
    void convert_grantsNothing_whenTheTokensSubIsNotTheRecordedOne_andActivatesNothing() {
        AdminAccount invited = new AdminAccount(UUID.randomUUID(), "new.admin@example.com", USERNAME, "another-sub",
                AdminStatus.INVITED, "admin@example.com", NOW, null, NOW, 1, null, false, NOW);
        when(records.findCaller(USERNAME)).thenReturn(caller(invited));

        assertThat(authorities(converter.convert(token(List.of("admins"))))).isEmpty();
        verify(records, never()).activate(USERNAME);
        verify(records, never()).bindCognitoSub(invited.id(), "sub-2");
    }

    @Test
    void convert_bindsARecordWithoutASub_toTheTokensSub_andAuditsIt() {
        AdminAccount unbound = new AdminAccount(UUID.randomUUID(), "new.admin@example.com", USERNAME, null,
                AdminStatus.ACTIVE, "admin@example.com", NOW, NOW, NOW, 1, null, false, NOW);
        AdminAccount bound = new AdminAccount(unbound.id(), unbound.email(), USERNAME, "sub-2", AdminStatus.ACTIVE,
                "admin@example.com", NOW, NOW, NOW, 1, null, false, NOW);
        when(records.findCaller(USERNAME)).thenReturn(caller(unbound));
        when(records.bindCognitoSub(unbound.id(), "sub-2")).thenReturn(Optional.of(bound));

        assertThat(authorities(converter.convert(token(List.of("admins"))))).containsExactly("ROLE_ADMIN");
        verify(audit).record("new.admin@example.com", AuditTrail.Action.BIND_SUB, "new.admin@example.com",
                AuditTrail.Outcome.SUCCEEDED, "sub sub-2");
    }

    @Test
    void convert_grantsNothing_whenAConcurrentFirstUseBoundAnotherSub() {
        AdminAccount unbound = new AdminAccount(UUID.randomUUID(), "new.admin@example.com", USERNAME, null,
                AdminStatus.ACTIVE, "admin@example.com", NOW, NOW, NOW, 1, null, false, NOW);
        AdminAccount boundElsewhere = new AdminAccount(unbound.id(), unbound.email(), USERNAME, "sub-of-the-winner",
                AdminStatus.ACTIVE, "admin@example.com", NOW, NOW, NOW, 1, null, false, NOW);
        when(records.findCaller(USERNAME)).thenReturn(caller(unbound), caller(boundElsewhere));
        when(records.bindCognitoSub(unbound.id(), "sub-2"))
                .thenThrow(new OptimisticLockingFailureException("raced"));

        assertThat(authorities(converter.convert(token(List.of("admins"))))).isEmpty();
    }
}
