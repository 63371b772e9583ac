package org.adminprovisioning.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's {@code chromium} and {@code chromium-driver} (installed by {@code .ci/run} with apt-get), started
 * headless for browser tests with a fresh profile. Both executables are named to Selenium, so Selenium
 * Manager never looks for, or downloads, a browser or a driver of its own.
 *
 * @param browser the chromium executable, or {@code null} when it cannot run here
 * @param driver  the chromedriver executable, or {@code null}
 * @param reason  why it cannot run here, or {@code null}
 */
public record HeadlessChromium(Path browser, Path driver, String reason) {

    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/lib/chromium/chromium");
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    public boolean available() {
        return reason == null;
    }

    /** Finds Debian's chromium and chromedriver (or the same names on the PATH). */
    public static HeadlessChromium find() {
        Optional<Path> browser = executable(BROWSERS, "chromium");
        Optional<Path> driver = executable(DRIVERS, "chromedriver");
        if (browser.isEmpty() || driver.isEmpty()) {
            return new HeadlessChromium(null, null, (browser.isEmpty() ? "chromium" : "chromedriver")
                    + " is not installed (Debian: apt-get install chromium chromium-driver, as .ci/run does)");
        }
        return new HeadlessChromium(browser.get(), driver.get(), null);
    }

    /**
     * A headless browser with a fresh profile under {@code profileRoot}: no sandbox (the tests run as root in
     * CI's container), no GPU, and none of the background traffic (updates, sync, QUIC, first-run pages)
     * that would reach outside 127.0.0.1. Its console messages are kept for {@code manage().logs()}.
     */
    public ChromeDriver start(Path profileRoot, int width, int height) throws IOException {
        Path profile = Files.createTempDirectory(Files.createDirectories(profileRoot), "chromium-profile-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--disable-extensions", "--disable-default-apps",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "--lang=en-US");
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.toFile())
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(30))
                .build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return chrome;
    }

    private static Optional<Path> executable(List<String> known, String name) {
        for (String candidate : known) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Optional.of(Path.of(candidate));
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String directory : path.split(File.pathSeparator)) {
                Path candidate = Path.of(directory, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
