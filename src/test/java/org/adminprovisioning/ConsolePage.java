package org.adminprovisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin console as a person sees it in Chromium: its screens, fields and buttons by their ids and data
 * attributes, and {@link #capture} — a screenshot of the screen, an axe-core check of it (no serious or
 * critical violation), and the browser's console (no error but the HTTP failures the step provoked).
 */
public final class ConsolePage {

    /** What the browser logs, at SEVERE, for a fetch the server answered with an error status. */
    private static final Pattern FAILED_REQUEST =
            Pattern.compile("Failed to load resource: the server responded with a status of (\\d{3})");
    private static final Set<String> BLOCKING_IMPACTS = Set.of("serious", "critical");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ChromeDriver browser;
    private final String baseUrl;
    private final String axeSource;
    private final Path screenshots;
    private final WebDriverWait wait;
    private final List<String> axeReport = new ArrayList<>();
    private int captured;

    public ConsolePage(ChromeDriver browser, String baseUrl, String axeSource, Path screenshots) {
        this.browser = browser;
        this.baseUrl = baseUrl;
        this.axeSource = axeSource;
        this.screenshots = screenshots;
        this.wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    public void open(String hash) {
        browser.get(baseUrl + hash);
    }

    WebDriver browser() {
        return browser;
    }

    /** Waits until the screen is the one shown, and returns it. */
    public WebElement screen(String name) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-screen='" + name + "']")));
    }

    WebElement byId(String id) {
        return browser.findElement(By.id(id));
    }

    public void type(String id, String text) {
        WebElement field = wait.until(ExpectedConditions.elementToBeClickable(By.id(id)));
        field.clear();
        field.sendKeys(text);
    }

    public void click(String id) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    /** Clicks the row button of an action ({@code disable}, {@code resend}, …) for the admin. */
    void clickAction(String action, String email) {
        wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("[data-action='" + action + "'][data-email='" + email + "']"))).click();
    }

    boolean hasAction(String action, String email) {
        return !browser.findElements(By.cssSelector("[data-action='" + action + "'][data-email='" + email + "']"))
                .isEmpty();
    }

    /** The admin's row once it shows the status; fails after the wait otherwise. */
    public WebElement rowWithStatus(String email, String status) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#admins-rows tr[data-email='" + email + "'][data-status='" + status + "']")));
    }

    /** The admin's row once its text passes the test (the list is redrawn after every change). */
    String rowText(String email, Predicate<String> test) {
        return wait.ignoring(StaleElementReferenceException.class).until(driver -> driver
                .findElements(By.cssSelector("#admins-rows tr[data-email='" + email + "']")).stream()
                .map(WebElement::getText).filter(test).findFirst().orElse(null));
    }

    /** Waits until the list has no row for the admin. */
    void waitUntilNotListed(String email) {
        wait.until(ExpectedConditions.numberOfElementsToBe(
                By.cssSelector("#admins-rows tr[data-email='" + email + "']"), 0));
    }

    void waitUntilHidden(String id) {
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id(id)));
    }

    /** The failure shown, once it contains the text (an earlier one may still be there). */
    public String problem(String containing) {
        return messageIn("problem", containing);
    }

    /** The confirmation shown, once it contains the text. */
    public String status(String containing) {
        return messageIn("status", containing);
    }

    private String messageIn(String id, String containing) {
        return wait.until(driver -> {
            String text = driver.findElement(By.id(id)).getText();
            return text.contains(containing) ? text : null;
        });
    }

    void waitForText(String id, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
    }

    /** The confirmation dialog, open, with its title. */
    WebElement dialog() {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));
    }

    void waitUntilDialogClosed() {
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm-dialog")));
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    /**
     * Screenshot {@code NN-name.png}, then axe-core over the page as it is now (no serious or critical
     * violation), then the console since the last capture: no error at all but the failed requests with the
     * given statuses, which the step provoked on purpose (the console shows their problems).
     */
    void capture(String name, Integer... provokedStatuses) throws IOException {
        captured++;
        Files.createDirectories(screenshots);
        Files.write(screenshots.resolve(String.format("%02d-%s.png", captured, name)),
                browser.getScreenshotAs(OutputType.BYTES));
        checkAccessibility(name);
        checkConsole(name, Set.of(provokedStatuses));
    }

    private void checkAccessibility(String name) {
        List<String> blocking = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (JsonNode violation : axeViolations(name)) {
            String line = violation.path("impact").asString() + " " + violation.path("id").asString() + ": "
                    + violation.path("help").asString() + " " + violation.path("nodes");
            all.add(line);
            if (BLOCKING_IMPACTS.contains(violation.path("impact").asString())) {
                blocking.add(line);
            }
        }
        axeReport.add(name + ": " + (all.isEmpty() ? "no violations" : String.join("; ", all)));
        assertThat(blocking).as("serious or critical axe-core violations on %s", name).isEmpty();
    }

    /** The ids of the serious and critical violations axe-core finds on the page as it is now. */
    List<String> blockingViolationIds() {
        List<String> ids = new ArrayList<>();
        for (JsonNode violation : axeViolations("self-check")) {
            if (BLOCKING_IMPACTS.contains(violation.path("impact").asString())) {
                ids.add(violation.path("id").asString());
            }
        }
        return ids;
    }

    private JsonNode axeViolations(String name) {
        if (!Boolean.TRUE.equals(script("return typeof window.axe === 'object';"))) {
            script(axeSource);
        }
        Object answer = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']})
                   .then((results) => done(JSON.stringify(results.violations.map((v) => ({
                       id: v.id, impact: v.impact, help: v.help,
                       nodes: v.nodes.map((n) => n.target.join(' '))})))))
                   .catch((e) => done(JSON.stringify({error: String(e)})));
                """);
        JsonNode violations = JSON.readTree(String.valueOf(answer));
        assertThat(violations.path("error").isMissingNode()).as("axe-core failed on %s: %s", name, answer).isTrue();
        return violations;
    }

    /** No error in the browser console since the last look, but failed requests with the provoked statuses. */
    public void assertNoConsoleErrors(Integer... provokedStatuses) {
        checkConsole("the page", Set.of(provokedStatuses));
    }

    private void checkConsole(String name, Set<Integer> provoked) {
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() < Level.SEVERE.intValue()) {
                continue;
            }
            Matcher failed = FAILED_REQUEST.matcher(entry.getMessage());
            if (failed.find() && provoked.contains(Integer.parseInt(failed.group(1)))) {
                continue;
            }
            errors.add(entry.getMessage());
        }
        assertThat(errors).as("browser console errors on %s (provoked statuses allowed: %s)", name, provoked).isEmpty();
    }

    /** Each captured screen's axe-core violations (any impact), for target/console-screenshots/axe-core.txt. */
    void writeAxeReport() throws IOException {
        Files.createDirectories(screenshots);
        Files.writeString(screenshots.resolve("axe-core.txt"), axeReport.stream().collect(Collectors.joining("\n"))
                + "\n");
    }

    static String withoutSpaces(String text) {
        return Arrays.stream(text.split("\\s+")).collect(Collectors.joining());
    }
}
