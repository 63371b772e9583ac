package org.adminprovisioning.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Optional;

import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.UserResource;

import org.adminprovisioning.EndToEndTestSupport;
import org.adminprovisioning.admin.AdminAccount;
import org.adminprovisioning.admin.AdminStatus;
import org.adminprovisioning.audit.AuditEntry;
import org.adminprovisioning.cognito.CognitoUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /scim/v2} over real HTTP, driven by UnboundID's SCIM 2 SDK client: create, find by
 * {@code userName}, deactivate, reactivate, delete, with both systems checked after each step —
 * the in-memory Cognito pool and our records.
 */
class ScimSdkClientTests extends EndToEndTestSupport {

    private ScimSdk sdk;
    private ScimService scim;

    @BeforeEach
    void connect() {
        sdk = new ScimSdk("http://127.0.0.1:" + port, SCIM_TOKEN);
        scim = sdk.service();
    }

    @AfterEach
    void disconnect() {
        sdk.close();
    }

    @Test
    void sdkClient_createsFindsDeactivatesReactivatesAndDeletes_anAdminInBothSystems() throws Exception {
        String email = uniqueEmail("scim.sdk");
        UserResource asked = new UserResource().setUserName(email).setActive(true)
                .setEmails(List.of(new Email().setValue(email).setType("work").setPrimary(true)));
        asked.setExternalId("idp-" + email);

        UserResource created = scim.create("Users", asked);

        assertThat(created.getUserName()).isEqualTo(email);
        assertThat(created.getActive()).isTrue();
        assertThat(created.getExternalId()).isEqualTo("idp-" + email);
        assertThat(created.getMeta().getLocation().toString()).endsWith("/scim/v2/Users/" + created.getId());
        AdminAccount admin = records.findByEmail(email).orElseThrow();
        assertThat(admin.id().toString()).isEqualTo(created.getId());
        assertThat(admin.status()).isEqualTo(AdminStatus.INVITED);
        assertThat(cognitoUser(admin)).hasValueSatisfying(user -> assertThat(user.enabled()).isTrue());
        assertThat(cognito.isInAdminGroup(admin.cognitoUsername())).isTrue();
        assertThat(invitationsTo(email)).hasSize(1);

        ListResponse<UserResource> found = scim.searchRequest("Users").filter(Filter.eq("userName", email.toUpperCase()))
                .invoke(UserResource.class);

        assertThat(found.getTotalResults()).isEqualTo(1);
        assertThat(found.getResources()).extracting(UserResource::getId).containsExactly(created.getId());

        UserResource deactivated = scim.modifyRequest("Users", created.getId()).replaceValue("active", false)
                .invoke(UserResource.class);

        assertThat(deactivated.getActive()).isFalse();
        assertThat(records.findById(admin.id()).orElseThrow().status()).isEqualTo(AdminStatus.DISABLED);
        assertThat(cognitoUser(admin)).hasValueSatisfying(user -> assertThat(user.enabled()).isFalse());
        assertThat(scim.retrieve("Users", created.getId(), UserResource.class).getActive()).isFalse();

        UserResource reactivated = scim.modifyRequest("Users", created.getId()).replaceValue("active", true)
                .invoke(UserResource.class);

        assertThat(reactivated.getActive()).isTrue();
        assertThat(records.findById(admin.id()).orElseThrow().status()).isEqualTo(AdminStatus.INVITED);
        assertThat(cognitoUser(admin)).hasValueSatisfying(user -> assertThat(user.enabled()).isTrue());
        assertThat(cognito.isInAdminGroup(admin.cognitoUsername())).isTrue();

        scim.deleteRequest("Users", created.getId()).invoke();

        assertThat(records.findById(admin.id()).orElseThrow().status()).isEqualTo(AdminStatus.OFFBOARDED);
        assertThat(cognitoUser(admin)).isEmpty();
        ScimException gone = catchThrowableOfType(ScimException.class,
                () -> scim.retrieve("Users", created.getId(), UserResource.class));
        assertThat(gone.getScimError().getStatus()).isEqualTo(404);
        assertThat(scim.searchRequest("Users").filter(Filter.eq("userName", email)).invoke(UserResource.class)
                .getTotalResults()).isZero();
        assertThat(auditOf(email)).extracting(AuditEntry::actor).contains("scim:" + SCIM_CONNECTOR)
                .doesNotContain(BOOTSTRAP_EMAIL);
    }

    @Test
    void sdkClient_getsAConflictWithScimTypeUniqueness_forAnAdminThatExists() throws Exception {
        String email = uniqueEmail("scim.twice");
        scim.create("Users", new UserResource().setUserName(email));

        ScimException conflict = catchThrowableOfType(ScimException.class,
                () -> scim.create("Users", new UserResource().setUserName(email.toUpperCase())));

        assertThat(conflict.getScimError().getStatus()).isEqualTo(409);
        assertThat(conflict.getScimError().getScimType()).isEqualTo("uniqueness");
        assertThat(usersWithEmail(email)).isEqualTo(1);
    }

    @Test
    void sdkClient_readsWhatIsSupported_fromTheDiscoveryEndpoints() throws Exception {
        var config = scim.getServiceProviderConfig();
        assertThat(config.getPatch().isSupported()).isTrue();
        assertThat(config.getFilter().isSupported()).isTrue();
        assertThat(config.getBulk().isSupported()).isFalse();
        assertThat(config.getSort().isSupported()).isFalse();
        assertThat(config.getChangePassword().isSupported()).isFalse();
        assertThat(config.getEtag().isSupported()).isFalse();
        assertThat(scim.getResourceTypes().getResources()).extracting(r -> r.getEndpoint().toString())
                .containsExactly("/Users");
        assertThat(scim.getSchema("urn:ietf:params:scim:schemas:core:2.0:User").getAttributes())
                .extracting(a -> a.getName()).containsExactly("userName", "active", "emails");
    }

    @Test
    void sdkClient_pagesThroughTheAdmins_withStartIndexAndCount() throws Exception {
        for (int i = 0; i < 3; i++) {
            scim.create("Users", new UserResource().setUserName(uniqueEmail("scim.page")));
        }
        long total = scim.searchRequest("Users").page(1, 1).invoke(UserResource.class).getTotalResults();

        ListResponse<UserResource> second = scim.searchRequest("Users").page(2, 2).invoke(UserResource.class);
        ListResponse<UserResource> last = scim.searchRequest("Users").page((int) total, 5).invoke(UserResource.class);

        assertThat(total).isGreaterThanOrEqualTo(4);
        assertThat(second.getStartIndex()).isEqualTo(2);
        assertThat(second.getItemsPerPage()).isEqualTo(2);
        assertThat(second.getResources()).hasSize(2);
        assertThat(last.getResources()).hasSize(1);
    }

    private Optional<CognitoUser> cognitoUser(AdminAccount admin) {
        return cognito.findUser(admin.cognitoUsername());
    }
}
