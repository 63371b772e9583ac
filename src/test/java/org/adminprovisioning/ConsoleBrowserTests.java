package org.adminprovisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.adminprovisioning.testsupport.Authenticator;
import org.adminprovisioning.testsupport.HeadlessChromium;
import org.adminprovisioning.testsupport.Peers;
import org.adminprovisioning.testsupport.PinnedNodePackage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.util.FileSystemUtils;

/**
 * The admin console (DESIGN §13) in headless Chromium from Debian's packages, against the whole service on
 * the default profile with the pool at {@code cognito.in-memory.mfa=REQUIRED}: the bootstrap admin signs
 * in with its app's code, invites an admin; the new admin's invitation expires and is resent; the new
 * admin signs in with the temporary password from the outbox, chooses a password against the pool's
 * rules, sets up an app from the QR code's secret, signs in again, invites a third admin, disables,
 * enables and offboards it (each confirmed by name), reads its audit trail, repairs drift; failures show
 * the problem's {@code detail}, and a refused token leads back to sign-in. Every screen is saved under
 * {@code target/console-screenshots/}, checked by axe-core (npm, pinned in {@code src/test/node/axe}) for
 * serious or critical violations, and the browser console must stay free of errors. Skipped with the reason
 * without chromium or node; fails under {@code CI=true}.
 */
class ConsoleBrowserTests extends MfaFlowTestSupport {

    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final String NEW_PASSWORD = "Console-Passw0rd!";

    private ChromeDriver browser;
    private ConsolePage console;

    @BeforeEach
    void startChromium() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.find();
        Peers.assumeAvailable("Chromium", chromium.available(), chromium.reason());
        PinnedNodePackage axe = PinnedNodePackage.install("axe");
        Peers.assumeAvailable("axe-core (npm)", axe.available(), axe.reason());
        String axeSource = Files.readString(axe.directory().resolve("node_modules/axe-core/axe.min.js"));
        // This run's screens only: a renamed or dropped step must not leave an old picture behind.
        FileSystemUtils.deleteRecursively(SCREENSHOTS);
        browser = chromium.start(Path.of("target", "chromium"), 1280, 1000);
        console = new ConsolePage(browser, "http://127.0.0.1:" + port + "/", axeSource, SCREENSHOTS);
        // Past the step of any code this context's accounts used already: a TOTP code is accepted once.
        clock.advance(Duration.ofMinutes(1));
    }

    @AfterEach
    void stopChromium() throws Exception {
        if (console != null) {
            console.writeAxeReport();
        }
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void story_bootstrapAdminInvites_newAdminSignsInWithMfa_andRunsEveryScreen() throws Exception {
        String invitee = uniqueEmail("console-new");
        String third = uniqueEmail("console-third");

        // The bootstrap admin: a wrong password first, then its password and its app's code.
        console.open("");
        console.screen("sign-in");
        // The check can fail: a field without a label is a critical violation axe-core reports.
        console.script("document.querySelector('main').append(Object.assign(document.createElement('input'), "
                + "{id: 'unlabelled'}));");
        assertThat(console.blockingViolationIds()).contains("label");
        console.script("document.getElementById('unlabelled').remove();");
        console.capture("sign-in");
        signIn(BOOTSTRAP_EMAIL, "Wrong-Passw0rd!");
        assertThat(console.problem("Incorrect username or password.")).contains("401 invalid-credentials");
        console.capture("sign-in-failed", 401);
        signIn(BOOTSTRAP_EMAIL, BOOTSTRAP_PASSWORD);
        console.screen("mfa");
        assertThat(console.byId("mfa-email").getText()).isEqualTo(BOOTSTRAP_EMAIL);
        console.capture("mfa-code");
        enterCode("mfa-code", "mfa-submit", BOOTSTRAP_EMAIL);

        // The list, and Create New Admin.
        console.screen("admins");
        console.rowWithStatus(BOOTSTRAP_EMAIL, "ACTIVE");
        assertThat(console.byId("whoami-email").getText()).isEqualTo(BOOTSTRAP_EMAIL);
        console.capture("admins");
        console.type("create-email", invitee);
        console.click("create-submit");
        console.status(invitee + " is invited");
        console.rowWithStatus(invitee, "INVITED");
        assertThat(console.rowText(invitee, text -> true)).contains(BOOTSTRAP_EMAIL).doesNotContain("Expired");
        assertThat(statusOf(invitee)).isEqualTo("INVITED");
        console.capture("admin-created");

        // A failure shows the problem's detail, exactly as the service wrote it.
        MvcResult twin = createAdmin(token, invitee);
        String detail = body(twin).path("detail").asString();
        console.type("create-email", invitee.toUpperCase());
        console.click("create-submit");
        assertThat(console.problem(detail)).contains("409 admin-exists");
        console.capture("create-refused", 409);

        // The invitation expires (sent 8 days ago): marked in the list; a resend renews it.
        jdbc.update("UPDATE admin_info SET last_invite_sent_at = ? WHERE user_id = (SELECT id FROM users WHERE email = ?)",
                Timestamp.from(clock.instant().minus(Duration.ofDays(8))), invitee);
        console.click("filter-submit");
        console.rowText(invitee, text -> text.contains("Expired"));
        console.capture("invite-expired");
        int invitationsBefore = invitationsTo(invitee).size();
        console.clickAction("resend", invitee);
        assertThat(console.status("new invitation")).contains(invitee);
        console.rowText(invitee, text -> !text.contains("Expired"));
        assertThat(invitationsTo(invitee)).hasSize(invitationsBefore + 1);
        console.capture("invite-resent");

        // The new admin: the temporary password from the outbox, a password against the pool's rules, an app.
        console.click("sign-out");
        console.screen("sign-in");
        signIn(invitee, temporaryPasswordOf(invitee));
        console.screen("new-password");
        console.waitForText("password-rules", "at least 8 characters");
        console.type("new-password", "short");
        assertThat(rulesMet()).containsExactly("false", "false", "true", "false", "false", "false");
        console.capture("new-password-rules");
        console.click("new-password-submit");
        assertThat(console.problem("at least 8 characters")).contains("a symbol");
        console.type("new-password", NEW_PASSWORD);
        console.type("new-password-again", NEW_PASSWORD);
        assertThat(rulesMet()).containsOnly("true");
        console.capture("new-password-ready");
        console.click("new-password-submit");
        console.screen("mfa-setup");
        WebElement qr = console.byId("mfa-qr").findElement(By.tagName("svg"));
        assertThat(qr.getDomAttribute("role")).isEqualTo("img");
        assertThat(qr.findElement(By.tagName("path")).getDomAttribute("d")).isNotBlank();
        String secret = console.byId("mfa-secret").getDomAttribute("data-secret");
        assertThat(ConsolePage.withoutSpaces(console.byId("mfa-secret").getText())).isEqualTo(secret);
        assertThat(statusOf(invitee)).isEqualTo("INVITED");
        console.capture("mfa-setup");
        apps.put(invitee, secret);
        console.type("mfa-setup-code", ConsolePage.withoutSpaces(wrong(codeOf(invitee))));
        console.click("mfa-setup-submit");
        console.problem("That code is not right");
        console.capture("mfa-setup-wrong-code", 401);
        enterCode("mfa-setup-code", "mfa-setup-submit", invitee);
        console.screen("admins");
        assertThat(console.byId("whoami-email").getText()).isEqualTo(invitee);
        assertThat(statusOf(invitee)).isEqualTo("ACTIVE");

        // It signs in again: password, then the app's next code; it sees the list.
        console.click("sign-out");
        signIn(invitee, NEW_PASSWORD);
        console.screen("mfa");
        enterCode("mfa-code", "mfa-submit", invitee);
        console.screen("admins");
        console.rowWithStatus(invitee, "ACTIVE");
        assertThat(console.hasAction("disable", invitee)).as("no disabling oneself").isFalse();

        // A third admin, disabled, enabled and offboarded, each confirmed by name.
        console.type("create-email", third);
        console.click("create-submit");
        console.rowWithStatus(third, "INVITED");
        console.clickAction("disable", third);
        assertThat(console.dialog().getText()).contains("Disable " + third + "?");
        console.capture("confirm-disable");
        console.click("confirm-ok");
        console.waitUntilDialogClosed();
        console.rowWithStatus(third, "DISABLED");
        assertThat(statusOf(third)).isEqualTo("DISABLED");
        assertThat(cognito.findUser(third).orElseThrow().enabled()).isFalse();
        console.capture("disabled");
        console.clickAction("enable", third);
        assertThat(console.dialog().getText()).contains("Enable " + third + "?");
        console.click("confirm-ok");
        console.rowWithStatus(third, "INVITED");
        assertThat(cognito.findUser(third).orElseThrow().enabled()).isTrue();
        console.clickAction("offboard", third);
        assertThat(console.dialog().getText()).contains("Offboard " + third + "?");
        assertThat(console.script("return document.activeElement.id;")).as("the safe choice has focus")
                .isEqualTo("confirm-cancel");
        console.dialog().sendKeys(Keys.ESCAPE);
        console.waitUntilDialogClosed();
        assertThat(console.script("return document.activeElement.dataset.action + ' ' + document.activeElement.dataset.email;"))
                .as("focus back on the button that opened the dialog").isEqualTo("offboard " + third);
        assertThat(statusOf(third)).as("cancelled").isEqualTo("INVITED");
        console.clickAction("offboard", third);
        console.click("confirm-ok");
        console.status(third + " is offboarded");
        assertThat(records.findByEmail(third)).as("no live admin has the email").isEmpty();
        console.waitUntilNotListed(third);
        assertThat(cognito.findUser(third)).isEmpty();
        new Select(console.byId("filter-status")).selectByValue("OFFBOARDED");
        console.click("filter-submit");
        console.rowWithStatus(third, "OFFBOARDED");
        console.capture("offboarded");

        // Its audit trail, newest first.
        console.clickAction("audit", third);
        console.screen("audit");
        console.waitForText("audit-title", third);
        console.waitForText("audit-rows", "OFFBOARD_ADMIN");
        List<String> actions = browser.findElements(By.cssSelector("#audit-rows tr td:nth-child(3)")).stream()
                .map(WebElement::getText).toList();
        assertThat(actions).containsSubsequence("OFFBOARD_ADMIN", "ENABLE_ADMIN", "DISABLE_ADMIN", "PROVISION_ADMIN");
        console.capture("audit-trail");

        // Drift: a Cognito admin nobody recorded, deleted on purpose from the report.
        String ghost = uniqueEmail("console-ghost");
        userPool.createConfirmedAdmin(ghost, CHOSEN_PASSWORD);
        console.click("nav-drift");
        console.screen("drift");
        console.waitForText("ghosts", ghost);
        console.capture("drift-report");
        browser.findElement(By.cssSelector("[data-repair='delete-cognito-user'][data-name='" + ghost + "']")).click();
        assertThat(console.dialog().getText()).contains(ghost);
        console.click("confirm-ok");
        assertThat(console.status(ghost)).contains("deleted");
        assertThat(cognito.findUser(ghost)).isEmpty();
        console.capture("drift-repaired");

        // Twenty-one admins under one prefix: two pages of twenty.
        String prefix = "console-page-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        for (int i = 0; i < 21; i++) {
            invite(token, prefix + i + "@example.com");
        }
        console.click("nav-admins");
        console.screen("admins");
        new Select(console.byId("filter-status")).selectByValue("");
        console.type("filter-q", prefix);
        console.click("filter-submit");
        console.waitForText("admins-caption", "21 in all, page 1 of 2");
        assertThat(browser.findElements(By.cssSelector("#admins-rows tr"))).hasSize(20);
        assertThat(console.byId("admins-previous").isEnabled()).isFalse();
        console.click("admins-next");
        console.waitForText("admins-caption", "page 2 of 2");
        assertThat(browser.findElements(By.cssSelector("#admins-rows tr"))).hasSize(1);
        assertThat(console.byId("admins-next").isEnabled()).isFalse();
        console.capture("admins-page-2");

        // A token the service refuses (here: tampered with) ends the session: back to sign-in, with the detail.
        console.script("const key = 'adminprovisioning.console.session';"
                + "const s = JSON.parse(sessionStorage.getItem(key)); s.accessToken += 'x';"
                + "sessionStorage.setItem(key, JSON.stringify(s));");
        console.click("nav-drift");
        console.screen("sign-in");
        assertThat(console.problem("A valid admin access token is required")).contains("401 unauthorized");
        assertThat(console.script("return sessionStorage.getItem('adminprovisioning.console.session');")).isNull();
        console.capture("session-ended", 401);
    }

    private void signIn(String email, String password) {
        console.type("sign-in-email", email);
        console.type("sign-in-password", password);
        console.click("sign-in-submit");
    }

    /** Types what the account's app shows now; the clock then moves on, as a code is accepted once. */
    private void enterCode(String field, String submit, String email) {
        console.type(field, Authenticator.code(apps.get(email), clock.instant()));
        console.click(submit);
        console.waitUntilHidden(field);
        clock.advance(Duration.ofSeconds(30));
    }

    private List<String> rulesMet() {
        return browser.findElements(By.cssSelector("#password-rules li")).stream()
                .map(item -> item.getDomAttribute("data-met")).toList();
    }
}
