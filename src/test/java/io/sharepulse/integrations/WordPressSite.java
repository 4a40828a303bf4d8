package io.sharepulse.integrations;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.http.HttpStatus;
import org.junit.jupiter.api.Assumptions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.filter.cookie.CookieFilter;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A WordPress of a test's own: Debian's WordPress copied into a temporary directory with its own
 * {@code wp-config.php} and MariaDB database, installed with WordPress's own functions (through
 * {@code src/test/resources/wordpress/tool.php}), served by {@code php -S} with a router script for pretty
 * permalinks, and the plugin copied in from the repository. Closing it stops the server and removes the database
 * and the directory. Debian's tree and {@code /etc/wordpress} are only read.
 */
final class WordPressSite implements AutoCloseable {

    static final Path DEBIAN_WORDPRESS = Path.of("/usr/share/wordpress");
    static final Path RESOURCES = Path.of("src/test/resources/wordpress").toAbsolutePath();
    static final String PASSWORD = "correct-horse-battery-staple";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INPUT = Pattern.compile("<input\\b[^>]*>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-z_-]+)=(['\"])(.*?)\\2", Pattern.DOTALL);

    final Path dir;
    final Path docroot;
    final String database;
    final String url;
    private final int port;
    private Platform.Server server;

    private WordPressSite(Path dir, String database, int port) {
        this.dir = dir;
        this.docroot = dir.resolve("wordpress");
        this.database = database;
        this.port = port;
        this.url = "http://127.0.0.1:" + port;
    }

    /**
     * Copies WordPress and the plugins in {@code plugins} (folder names under {@code integrations/wordpress/}),
     * writes its configuration and makes its database; skips the test when WordPress, PHP or MariaDB is missing.
     */
    static WordPressSite create(String... plugins) throws IOException {
        Platform.require("php", "cp", "rm");
        Assumptions.assumeTrue(Files.isRegularFile(DEBIAN_WORDPRESS.resolve("wp-settings.php")),
                "Debian's wordpress is not installed (scripts/ensure-integrations.sh)");
        String database = "sharepulse_wp_" + System.currentTimeMillis() + "_" + UUID.randomUUID().toString().substring(0, 8);
        Platform.Result db = php(RESOURCES, "tool.php", "db-create", database);
        Assumptions.assumeTrue(db.ok(), "MariaDB on 127.0.0.1:3306 does not answer: " + db.output());

        WordPressSite site = new WordPressSite(Files.createTempDirectory("sharepulse-wordpress"), database,
                Platform.freePort());
        try {
            // A copy, not links: PHP resolves symlinks in __DIR__, and WordPress would find Debian's wp-config.php.
            Platform.Result copy = Platform.run(site.dir, Duration.ofSeconds(60), Map.of(), "cp", "-R",
                    DEBIAN_WORDPRESS.toString(), site.docroot.toString());
            if (!copy.ok()) {
                throw new AssertionError("copying WordPress failed: " + copy.output());
            }
            Files.deleteIfExists(site.docroot.resolve(".htaccess")); // Debian's points into /etc/wordpress
            Files.writeString(site.docroot.resolve("wp-config.php"), site.config(), StandardCharsets.UTF_8);
            Path content = site.docroot.resolve("wp-content");
            Files.createDirectories(content.resolve("uploads"));
            copyTree(RESOURCES.resolve("mu-plugins"), content.resolve("mu-plugins"));
            for (String plugin : plugins) {
                copyTree(Platform.INTEGRATIONS.resolve("wordpress").resolve(plugin), content.resolve("plugins").resolve(plugin));
            }
            return site;
        } catch (IOException | RuntimeException | Error e) {
            site.close();
            throw e;
        }
    }

    /** Skips the calling test unless Debian's packages of these themes are installed. */
    static void requireThemes(String... themes) {
        for (String theme : themes) {
            Assumptions.assumeTrue(Files.isRegularFile(DEBIAN_WORDPRESS.resolve("wp-content/themes").resolve(theme).resolve("style.css")),
                    "Debian's wordpress-theme-" + theme + " is not installed (scripts/ensure-integrations.sh)");
        }
    }

    private String config() {
        StringBuilder keys = new StringBuilder();
        for (String key : new String[] {"AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY", "AUTH_SALT",
                "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT"}) {
            keys.append("define( '").append(key).append("', '").append(UUID.randomUUID()).append("' );\n");
        }
        return "<?php\n"
                + "define( 'DB_NAME', '" + database + "' );\n"
                + "define( 'DB_USER', 'root' );\n"
                + "define( 'DB_PASSWORD', '' );\n"
                + "define( 'DB_HOST', '127.0.0.1:3306' );\n"
                + "define( 'DB_CHARSET', 'utf8mb4' );\n"
                + "define( 'DB_COLLATE', '' );\n"
                + "define( 'WP_HOME', '" + url + "' );\n"
                + "define( 'WP_SITEURL', '" + url + "' );\n"
                + keys
                + "define( 'WP_DEBUG', true );\n"
                + "define( 'WP_DEBUG_LOG', __DIR__ . '/wp-content/debug.log' );\n"
                + "define( 'WP_DEBUG_DISPLAY', false );\n"
                + "define( 'DISABLE_WP_CRON', true );\n"
                + "define( 'AUTOMATIC_UPDATER_DISABLED', true );\n"
                + "$table_prefix = 'wp_';\n"
                + "if ( ! defined( 'ABSPATH' ) ) {\n\tdefine( 'ABSPATH', __DIR__ . '/' );\n}\n"
                + "require_once ABSPATH . 'wp-settings.php';\n";
    }

    /** Runs a {@code tool.php} command against this WordPress; returns its JSON answer. */
    JsonPath tool(String command, Object input) {
        try {
            Platform.Result r = php(RESOURCES, "tool.php", command, docroot.toString(), JSON.writeValueAsString(input));
            if (!r.ok()) {
                throw new AssertionError("tool.php " + command + " failed:\n" + r.output());
            }
            String out = r.output().strip();
            return JsonPath.from(out.substring(out.lastIndexOf('\n') + 1)); // PHP notices may come first
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Serves the site on its port (opcache on: every page compiles WordPress otherwise). */
    void start() {
        server = Platform.serve(docroot, Map.of("PHP_CLI_SERVER_WORKERS", "4"), port, Duration.ofSeconds(20),
                "php", "-d", "opcache.enable_cli=1", "-d", "memory_limit=256M", "-S", "127.0.0.1:" + port,
                "-t", docroot.toString(), RESOURCES.resolve("router.php").toString());
    }

    /** A reader's request: no cookies. */
    RequestSpecification anonymous() {
        return given().urlEncodingEnabled(false).redirects().follow(false);
    }

    Response get(String pathOrUrl) {
        return anonymous().get(absolute(pathOrUrl));
    }

    String absolute(String pathOrUrl) {
        return pathOrUrl.startsWith("http") ? pathOrUrl : url + pathOrUrl;
    }

    /** What WordPress logged (WP_DEBUG): notices, warnings and errors of every request and command. */
    String debugLog() throws IOException {
        Path log = docroot.resolve("wp-content/debug.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** Logs in through wp-login.php, as a browser would; the session keeps WordPress's cookies. */
    Session login(String user) {
        Session session = new Session(new CookieFilter());
        Response r = session.request().cookie("wordpress_test_cookie", "WP%20Cookie%20check")
                .formParam("log", user).formParam("pwd", PASSWORD).formParam("testcookie", "1")
                .formParam("redirect_to", url + "/wp-admin/").post(url + "/wp-login.php");
        if (r.statusCode() != HttpStatus.SC_MOVED_TEMPORARILY) {
            throw new AssertionError("login as " + user + " failed: " + r.statusCode() + "\n" + r.asString());
        }
        return session;
    }

    /** A reader (or user) with a cookie jar. */
    Session session() {
        return new Session(new CookieFilter());
    }

    /** One browser's cookies on this site. */
    final class Session {
        private final CookieFilter cookies;

        private Session(CookieFilter cookies) {
            this.cookies = cookies;
        }

        RequestSpecification request() {
            return given().urlEncodingEnabled(false).redirects().follow(false).filter(cookies);
        }

        Response get(String pathOrUrl) {
            return request().get(absolute(pathOrUrl));
        }

        /**
         * Posts a form (a collection value sends the field once per element); does not follow the redirect
         * WordPress answers with.
         */
        Response post(String pathOrUrl, Map<String, ?> fields) {
            RequestSpecification r = request().contentType("application/x-www-form-urlencoded; charset=utf-8")
                    .urlEncodingEnabled(true);
            fields.forEach((name, value) -> {
                if (value instanceof Collection<?> values) {
                    r.formParam(name, values.toArray());
                } else {
                    r.formParam(name, value);
                }
            });
            return r.post(absolute(pathOrUrl));
        }
    }

    /**
     * The named and submittable inputs of the {@code <form>} whose start tag contains {@code marker}: hidden
     * fields as they are, text fields with their value, checkboxes and radios only when checked.
     */
    static Map<String, String> formFields(String html, String marker) {
        int start = html.indexOf(marker);
        if (start < 0) {
            throw new AssertionError("no form with " + marker);
        }
        int formStart = html.lastIndexOf("<form", start);
        int end = html.indexOf("</form>", start);
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher input = INPUT.matcher(html.substring(formStart, end));
        while (input.find()) {
            Map<String, String> attrs = new LinkedHashMap<>();
            Matcher a = ATTRIBUTE.matcher(input.group());
            while (a.find()) {
                attrs.put(a.group(1), a.group(3).replace("&amp;", "&").replace("&#038;", "&"));
            }
            String type = attrs.getOrDefault("type", "text");
            boolean checkable = type.equals("checkbox") || type.equals("radio");
            if (attrs.containsKey("name") && !type.equals("submit") && (!checkable || input.group().contains(" checked"))) {
                fields.put(attrs.get("name"), attrs.getOrDefault("value", ""));
            }
        }
        return fields;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        php(RESOURCES, "tool.php", "db-drop", database);
        // rm, not Files.walk: deleting WordPress's 2,800 files one by one from Java took ten seconds on a busy machine.
        Platform.run(dir.getParent(), Duration.ofSeconds(60), Map.of(), "rm", "-rf", dir.toString());
    }

    private static Platform.Result php(Path dir, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "php";
        System.arraycopy(args, 0, command, 1, args.length);
        return Platform.run(dir, Duration.ofSeconds(120), Map.of(), command);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
