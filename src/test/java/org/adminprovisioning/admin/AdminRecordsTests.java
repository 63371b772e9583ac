package org.adminprovisioning.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.adminprovisioning.provisioning.PersistenceSliceConfiguration;
import org.adminprovisioning.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/** The admin records on the real schema (Flyway migrations, H2): both rows, linked, unique, activated. */
@DataJpaTest
@Import(PersistenceSliceConfiguration.class)
class AdminRecordsTests {

    @Autowired
    private AdminRecords records;

    @Autowired
    private Users users;

    @Autowired
    private AdminInfos adminInfos;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private AdminAccount bootstrap() {
        return records.createActiveAdminRecords("admin@example.com", "11111111-1111-4111-8111-111111111111", "sub-1");
    }

    @Test
    void createAdminDatabaseRecords_writesAnInvitedUserAndItsLinkedAdminInfo() {
        AdminAccount inviter = bootstrap();

        AdminAccount created = records.createAdminDatabaseRecords("New.Admin@Example.com",
                "22222222-2222-4222-8222-222222222222", "sub-2", inviter.id());

        assertThat(created.email()).isEqualTo("new.admin@example.com");
        assertThat(created.status()).isEqualTo(AdminStatus.INVITED);
        assertThat(created.invitedBy()).isEqualTo("admin@example.com");
        assertThat(created.inviteCount()).isEqualTo(1);
        assertThat(created.activatedAt()).isNull();
        assertThat(created.inviteExpiresAt()).isEqualTo(created.lastInviteSentAt().plus(Duration.ofDays(7)));

        Map<String, Object> row = jdbc.queryForMap("SELECT u.email, u.cognito_username, u.cognito_sub, u.role, "
                + "u.status, i.invited_by, i.invite_count FROM users u JOIN admin_info i ON i.user_id = u.id "
                + "WHERE u.id = ?", created.id());
        assertThat(row).containsEntry("EMAIL", "new.admin@example.com")
                .containsEntry("COGNITO_USERNAME", "22222222-2222-4222-8222-222222222222")
                .containsEntry("COGNITO_SUB", "sub-2")
                .containsEntry("ROLE", "ADMIN")
                .containsEntry("STATUS", "INVITED")
                .containsEntry("INVITED_BY", inviter.id())
                .containsEntry("INVITE_COUNT", 1);
    }

    @Test
    void createAdminDatabaseRecords_refusesAnEmailThatExistsInAnyLetterCase() {
        bootstrap();

        assertThatThrownBy(() -> records.createAdminDatabaseRecords("ADMIN@example.com", "other-username", null, null))
                .isInstanceOf(AdminAlreadyExistsException.class);
        assertThat(users.count()).isEqualTo(1);
    }

    @Test
    void createAdminDatabaseRecords_refusesACognitoUsernameThatExists_throughTheUniqueConstraint() {
        bootstrap();

        assertThatThrownBy(() -> records.createAdminDatabaseRecords("other@example.com",
                "11111111-1111-4111-8111-111111111111", null, null)).isInstanceOf(AdminAlreadyExistsException.class);
    }

    @Test
    void createAdminDatabaseRecords_refusesAnInvalidEmail() {
        assertThatThrownBy(() -> records.createAdminDatabaseRecords("not-an-email", "u", null, null))
                .isInstanceOf(InvalidEmailException.class);
        assertThat(users.count()).isZero();
    }

    @Test
    void theDatabase_refusesASecondUserWithTheSameEmail_evenWithoutTheCheck() {
        users.saveAndFlush(User.invitedAdmin(EmailAddress.of("twin@example.com"), "u-1", null, clock.instant()));

        assertThatThrownBy(() -> users.saveAndFlush(User.invitedAdmin(EmailAddress.of("twin@example.com"), "u-2",
                null, clock.instant()))).isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void theDatabase_refusesASecondAdminInfoForOneUser() {
        User user = users.saveAndFlush(User.invitedAdmin(EmailAddress.of("one@example.com"), "u-1", null,
                clock.instant()));
        adminInfos.saveAndFlush(AdminInfo.invited(user, null, clock.instant()));

        assertThatThrownBy(() -> adminInfos.saveAndFlush(AdminInfo.invited(user, null, clock.instant())))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void createActiveAdminRecords_writesAnActiveAdminNobodyInvited() {
        AdminAccount admin = bootstrap();

        assertThat(admin.status()).isEqualTo(AdminStatus.ACTIVE);
        assertThat(admin.invitedBy()).isNull();
        assertThat(admin.activatedAt()).isNotNull();
        assertThat(admin.inviteExpiresAt()).isNull();
        assertThat(records.anyActiveAdmin()).isTrue();
    }

    @Test
    void activate_makesAnInvitedAdminActiveOnce_andKeepsTheFirstActivationTime() {
        AdminAccount invited = records.createAdminDatabaseRecords("new.admin@example.com", "u-2", "sub-2", null);
        assertThat(records.anyActiveAdmin()).isFalse();

        AdminAccount active = records.activate("u-2").orElseThrow();
        clock.advance(Duration.ofHours(1));
        AdminAccount again = records.activate("u-2").orElseThrow();

        assertThat(active.status()).isEqualTo(AdminStatus.ACTIVE);
        assertThat(active.activatedAt()).isNotNull();
        assertThat(active.inviteExpiresAt()).isNull();
        assertThat(again.activatedAt()).isEqualTo(active.activatedAt());
        assertThat(records.findById(invited.id())).get().extracting(AdminAccount::status)
                .isEqualTo(AdminStatus.ACTIVE);
        assertThat(records.anyActiveAdmin()).isTrue();
        assertThat(records.activate("unknown-username")).isEmpty();
    }

    @Test
    void recordInviteResent_countsTheInvitation_andMovesItsExpiry() {
        AdminAccount invited = records.createAdminDatabaseRecords("new.admin@example.com", "u-2", "sub-2", null);
        clock.advance(Duration.ofDays(8));

        AdminAccount resent = records.recordInviteResent(invited.id());

        assertThat(resent.inviteCount()).isEqualTo(2);
        assertThat(resent.lastInviteSentAt()).isAfter(invited.lastInviteSentAt().plus(Duration.ofDays(7)));
        assertThat(resent.inviteExpiresAt()).isEqualTo(resent.lastInviteSentAt().plus(Duration.ofDays(7)));
        assertThatThrownBy(() -> records.recordInviteResent(UUID.randomUUID()))
                .isInstanceOf(AdminNotFoundException.class);
    }

    @Test
    void finders_findByIdEmailAndUsername_andListInInvitationOrder() {
        AdminAccount first = bootstrap();
        clock.advance(Duration.ofMinutes(1));
        AdminAccount second = records.createAdminDatabaseRecords("b@example.com", "u-b", null, first.id());
        clock.advance(Duration.ofMinutes(1));
        AdminAccount third = records.createAdminDatabaseRecords("a@example.com", "u-a", null, second.id());

        assertThat(records.page(java.util.EnumSet.allOf(AdminStatus.class), "", org.springframework.data.domain.PageRequest.of(0, 10,
                org.springframework.data.domain.Sort.by("user.createdAt"))).getContent()).extracting(AdminAccount::id)
                .containsExactly(first.id(), second.id(), third.id());
        assertThat(records.findById(third.id())).get().extracting(AdminAccount::invitedBy).isEqualTo("b@example.com");
        assertThat(records.findByEmail("a@example.com")).get().extracting(AdminAccount::id).isEqualTo(third.id());
        assertThat(records.findByCognitoUsername("u-b")).get().extracting(AdminAccount::id).isEqualTo(second.id());
        assertThat(records.existsByEmail("a@example.com")).isTrue();
        assertThat(records.findById(UUID.randomUUID())).isEmpty();
        assertThat(records.findByEmail("nobody@example.com")).isEmpty();
    }

    @Test
    void page_filtersByStatusAndEmailPrefix_sortsByEmail_andCountsTheRest() {
        AdminAccount boss = bootstrap();
        records.createAdminDatabaseRecords("ann@example.com", "u-ann", null, boss.id());
        records.createAdminDatabaseRecords("anna_b@example.com", "u-anna", null, boss.id());
        records.createAdminDatabaseRecords("bob@example.com", "u-bob", null, boss.id());

        var invitedAn = records.page(java.util.EnumSet.of(AdminStatus.INVITED), " AN", org.springframework.data.domain
                .PageRequest.of(0, 1, org.springframework.data.domain.Sort.by("user.email")));
        var underscoreIsNoWildcard = records.page(java.util.EnumSet.allOf(AdminStatus.class), "ann_",
                org.springframework.data.domain.PageRequest.of(0, 10));

        assertThat(invitedAn.getContent()).extracting(AdminAccount::email).containsExactly("ann@example.com");
        assertThat(invitedAn.getTotalElements()).isEqualTo(2);
        assertThat(invitedAn.getTotalPages()).isEqualTo(2);
        assertThat(underscoreIsNoWildcard.getContent()).isEmpty();
    }

    @Test
    void scanLive_pagesThroughLiveAdminsByIdOnce_skippingOffboardedOnes() {
        java.util.Set<UUID> live = new java.util.HashSet<>();
        for (int i = 0; i < 25; i++) {
            AdminAccount admin = records.createAdminDatabaseRecords("scan" + i + "@example.com",
                    UUID.randomUUID().toString(), null, null);
            if (i % 5 == 0) {
                records.offboard(admin.id());
            } else {
                live.add(admin.id());
            }
        }

        java.util.List<UUID> seen = new java.util.ArrayList<>();
        UUID after = null;
        java.util.List<AdminRecords.RecordedAdmin> page;
        do {
            page = records.scanLive(after, 7);
            page.forEach(record -> seen.add(record.id()));
            after = page.isEmpty() ? null : page.get(page.size() - 1).id();
        } while (page.size() == 7);

        assertThat(seen).containsExactlyInAnyOrderElementsOf(live).doesNotHaveDuplicates();
    }

    @Test
    void disableEnableAndOffboard_moveTheAdmin_andOffboardingFreesTheEmailForANewAdmin() {
        AdminAccount boss = bootstrap();
        AdminAccount invited = records.createAdminDatabaseRecords("leaver@example.com", "u-leaver", null, boss.id());

        assertThat(records.lockForChange(invited.id())).get().extracting(AdminAccount::status)
                .isEqualTo(AdminStatus.INVITED);
        assertThat(records.disable(invited.id()).status()).isEqualTo(AdminStatus.DISABLED);
        assertThat(records.enable(invited.id()).status()).as("never signed in").isEqualTo(AdminStatus.INVITED);
        records.activate("u-leaver");
        records.disable(invited.id());
        assertThat(records.enable(invited.id()).status()).isEqualTo(AdminStatus.ACTIVE);
        assertThat(records.countOtherActiveAdmins(boss.id())).isEqualTo(1);

        assertThat(records.offboard(invited.id()).status()).isEqualTo(AdminStatus.OFFBOARDED);
        assertThat(records.findByEmail("leaver@example.com")).isEmpty();
        assertThat(records.findByCognitoUsername("u-leaver")).isEmpty();
        AdminAccount again = records.createAdminDatabaseRecords("leaver@example.com", "u-leaver", null, boss.id());

        assertThat(again.id()).isNotEqualTo(invited.id());
        assertThat(records.findById(invited.id())).get().extracting(AdminAccount::status)
                .isEqualTo(AdminStatus.OFFBOARDED);
    }

    @Test
    void theDatabase_refusesAnOffboardedRowThatStillHoldsItsEmail() {
        AdminAccount admin = bootstrap();

        assertThatThrownBy(() -> jdbc.update("UPDATE users SET status = 'OFFBOARDED' WHERE id = ?", admin.id()))
                .isInstanceOf(DataIntegrityViolationException.class);
    }
}
