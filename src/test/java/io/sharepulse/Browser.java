package io.sharepulse;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Headless Debian Chromium for browser tests, set up as a reader's browser would be: a normal desktop User-Agent
 * (headless Chrome's own is on every bot list), a fresh profile, no background traffic of its own. Collects
 * console errors and every URL the page requested, so tests can prove what did and did not happen.
 *
 * <p>The build installs Chromium before the tests ({@code scripts/ensure-browser.sh}); where that was not
 * possible the browser tests are skipped, not failed.
 */
public final class Browser implements AutoCloseable {

    public static final String DRIVER = "/usr/bin/chromedriver";
    public static final String USER_AGENT =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChromeDriver driver;
    private final Path home;
    private final List<String> requested = new ArrayList<>();
    private final List<String> console = new ArrayList<>();

    private Browser(ChromeDriver driver, Path home) {
        this.driver = driver;
        this.home = home;
    }

    /** A new browser; skips the calling test when Chromium is not installed. */
    public static Browser open() {
        Assumptions.assumeTrue(new File(DRIVER).canExecute(), "Chromium's driver is not installed");
        try {
            Path home = Files.createTempDirectory("sharepulse-browser");
            ChromeOptions options = new ChromeOptions();
            File binary = new File("/usr/lib/chromium/chromium");
            if (binary.canExecute()) {
                options.setBinary(binary); // skips the wrapper script's warning
            }
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-component-update", "--disable-background-networking", "--disable-sync",
                    "--disable-quic", "--no-first-run", "--no-default-browser-check", "--window-size=1280,900",
                    "--user-data-dir=" + home.resolve("profile"), "--user-agent=" + USER_AGENT);
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            logs.enable(LogType.PERFORMANCE, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(DRIVER))
                    .usingAnyFreePort()
                    .withEnvironment(Map.of("HOME", home.toString(),
                            "XDG_CONFIG_HOME", home.resolve("config").toString(),
                            "XDG_CACHE_HOME", home.resolve("cache").toString()))
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            driver.executeCdpCommand("Network.enable", Map.of());
            return new Browser(driver, home);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    public Browser get(String url) {
        driver.get(url);
        return this;
    }

    /** {@code prefers-color-scheme: dark} (or light) for the pages that follow. */
    public Browser colorScheme(String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
        return this;
    }

    /** Turns JavaScript off (or on) for the pages that follow. */
    public Browser javaScript(boolean enabled) {
        driver.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", !enabled));
        return this;
    }

    /** Console errors, uncaught exceptions, CSP violations and failed loads since the browser opened. */
    public List<String> consoleErrors() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.WARNING.intValue()) {
                console.add(entry.getLevel() + " " + entry.getMessage());
            }
        }
        return List.copyOf(console);
    }

    /** Every URL the browser requested since it opened (documents, scripts, fetches, beacons, images). */
    public List<String> requestedUrls() {
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            try {
                JsonNode message = JSON.readTree(entry.getMessage()).path("message");
                if ("Network.requestWillBeSent".equals(message.path("method").asText())) {
                    requested.add(message.path("params").path("request").path("url").asText());
                }
            } catch (IOException ignored) {
                // not an event we read
            }
        }
        return List.copyOf(requested);
    }

    /** Every cookie the browser holds, for any site. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> allCookies() {
        Map<String, Object> reply = driver.executeCdpCommand("Network.getAllCookies", Map.of());
        return (List<Map<String, Object>>) reply.get("cookies");
    }

    public void screenshot(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp dir left behind is harmless
            }
        }
    }
}
