package io.sharepulse;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * console errors, every URL the page requested and every redirect it followed, so tests can prove what did and
 * did not happen.
 *
 * <p>It resolves no host name but {@code localhost} (and takes IP literals as they are): a test that clicks
 * through to Reddit or a Mastodon server sees the request start and fail at once, and no traffic leaves the
 * machine.
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
    private final List<Redirect> redirects = new ArrayList<>();
    private final List<String> fromNetwork = new ArrayList<>();
    private final Set<String> fromCache = new HashSet<>();
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
                    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
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

    /** A redirect the browser followed: {@code from} answered {@code status} and sent it to {@code to}. */
    public record Redirect(String from, int status, String to) {
    }

    /** Every URL the browser requested since it opened (documents, scripts, fetches, beacons, images). */
    public List<String> requestedUrls() {
        drainNetworkLog();
        return List.copyOf(requested);
    }

    /** Every redirect the browser followed since it opened, in any of its tabs. */
    public List<Redirect> redirects() {
        drainNetworkLog();
        return List.copyOf(redirects);
    }

    /**
     * The URLs the browser answered from the network since it opened (a 304 revalidation included), leaving out
     * what its memory or disk cache answered: what a page view costs on the wire.
     */
    public List<String> answeredFromNetwork() {
        drainNetworkLog();
        return List.copyOf(fromNetwork);
    }

    private void drainNetworkLog() {
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            try {
                JsonNode message = JSON.readTree(entry.getMessage()).path("message");
                String method = message.path("method").asText();
                JsonNode params = message.path("params");
                if ("Network.requestServedFromCache".equals(method)) {
                    fromCache.add(params.path("requestId").asText());
                } else if ("Network.responseReceived".equals(method)) {
                    JsonNode response = params.path("response");
                    if (!fromCache.contains(params.path("requestId").asText())
                            && !response.path("fromDiskCache").asBoolean()
                            && !response.path("fromPrefetchCache").asBoolean()) {
                        fromNetwork.add(response.path("url").asText());
                    }
                } else if ("Network.requestWillBeSent".equals(method)) {
                    String url = params.path("request").path("url").asText();
                    requested.add(url);
                    JsonNode from = params.path("redirectResponse");
                    if (!from.isMissingNode()) {
                        redirects.add(new Redirect(from.path("url").asText(), from.path("status").asInt(), url));
                    }
                }
            } catch (IOException ignored) {
                // not an event we read
            }
        }
    }

    /** Lets pages of {@code origin} write to the clipboard without asking (a reader would have said yes). */
    public Browser allowClipboard(String origin) {
        driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", origin,
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        return this;
    }

    /** Runs a script in the page (not subject to the page's CSP, as DevTools is not) and returns its value. */
    public Object js(String script, Object... args) {
        return driver.executeScript(script, args);
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
