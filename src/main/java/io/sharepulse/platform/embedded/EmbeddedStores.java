package io.sharepulse.platform.embedded;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;

import org.jboss.logging.Logger;

/**
 * The stores dev mode and the tests fall back on when nothing answers at the configured address: one embedded
 * Redis and one embedded PostgreSQL per JVM, started on a free loopback port on first need and stopped when the JVM
 * exits. A configured server that answers is always used instead; production never gets here.
 *
 * <p>Dev mode keeps their data under {@code .sharepulse-dev/} in the working directory (the project folder under
 * {@code ./mvnw quarkus:dev}), so a restart keeps the demo's clicks; tests use a temporary folder, removed at exit.
 *
 * <p>One JVM holds several class loaders (dev mode's build and run phases and each reload, the tests' own), each
 * with its own copy of this class: the running servers' ports are recorded in system properties, and starting is
 * serialised on an interned string, both of which every class loader shares.
 */
public final class EmbeddedStores {

    /** Where the data lives and whether it must outlive the JVM. */
    public enum Mode {
        DEV, TEST
    }

    /** Interned, so the same monitor in every class loader. */
    private static final String LOCK = "io.sharepulse.platform.embedded.EmbeddedStores.lock";
    private static final String REDIS_PORT = "io.sharepulse.embedded.redis.port";
    private static final String POSTGRES_PORT = "io.sharepulse.embedded.postgres.port";
    private static final String TEMP_DIR = "io.sharepulse.embedded.temp-dir";
    /** The dev data folder, relative to the working directory (the project folder in dev mode). */
    public static final String DEV_DIR = ".sharepulse-dev";
    static final Duration PROBE = Duration.ofMillis(500);

    private static final Logger LOG = Logger.getLogger(EmbeddedStores.class);

    private EmbeddedStores() {
    }

    /**
     * The Redis URL to use instead of {@code configuredUrl} when nothing answers there (starting the embedded
     * server if need be); empty when the configured server answers, or the URL is not a single {@code redis://}.
     */
    public static Optional<String> redisFor(String configuredUrl, Mode mode, Optional<String> password) {
        Optional<Endpoint> configured = Endpoint.ofRedis(configuredUrl);
        if (configured.isEmpty() || configured.get().answers(PROBE)) {
            return Optional.empty();
        }
        synchronized (LOCK) {
            Optional<Integer> running = running(REDIS_PORT);
            if (running.isEmpty()) {
                try {
                    long started = System.nanoTime();
                    Path dir = dataDir(mode).resolve("redis");
                    EmbeddedRedis redis = EmbeddedRedis.start(dir, freePort(), mode == Mode.DEV,
                            password.or(() -> passwordOf(configuredUrl)));
                    keep(REDIS_PORT, redis.port(), redis::stop, mode, dir, "embedded-redis-stop");
                    running = Optional.of(redis.port());
                    LOG.infof("Nothing answers at %s: started an embedded Redis on :%d in %s (data in %s)",
                            configured.get(), redis.port(), since(started), where(mode, dir));
                } catch (IOException | RuntimeException | LinkageError e) {
                    LOG.warnf("Nothing answers at %s, and the embedded Redis did not start: %s", configured.get(),
                            e.getMessage());
                    return Optional.empty();
                }
            }
            return Optional.of(new Endpoint("127.0.0.1", running.get()).inRedis(configuredUrl));
        }
    }

    /**
     * The JDBC URL to use instead of {@code configuredUrl} when nothing answers there: the embedded server (its
     * superuser is {@code postgres}, trusted without a password), with the database the URL names created if
     * missing. Empty when the configured server answers or the URL is not a PostgreSQL one.
     */
    public static Optional<String> postgresFor(String configuredUrl, Mode mode) {
        Optional<Endpoint> configured = Endpoint.ofJdbc(configuredUrl);
        if (configured.isEmpty() || configured.get().answers(PROBE)) {
            return Optional.empty();
        }
        synchronized (LOCK) {
            Optional<Integer> running = running(POSTGRES_PORT);
            try {
                if (running.isEmpty()) {
                    long started = System.nanoTime();
                    Path data = dataDir(mode).resolve("postgres");
                    EmbeddedPostgres pg = EmbeddedPostgres.start(data, freePort(), mode == Mode.DEV);
                    keep(POSTGRES_PORT, pg.port(), pg::stop, mode, data, "embedded-postgres-stop");
                    running = Optional.of(pg.port());
                    LOG.infof("Nothing answers at %s: started an embedded PostgreSQL on :%d in %s (data in %s)",
                            configured.get(), pg.port(), since(started), where(mode, data));
                }
                String url = new Endpoint("127.0.0.1", running.get()).inJdbc(configuredUrl);
                EmbeddedPostgres.ensureDatabase(running.get(), Endpoint.database(url));
                return Optional.of(url);
            } catch (IOException | java.sql.SQLException | RuntimeException | LinkageError e) {
                LOG.warnf("Nothing answers at %s, and the embedded PostgreSQL did not start: %s", configured.get(),
                        e.getMessage());
                return Optional.empty();
            }
        }
    }

    /** The port of this JVM's embedded Redis, when one runs. */
    public static Optional<Integer> redisPort() {
        return running(REDIS_PORT);
    }

    /** The port of this JVM's embedded PostgreSQL, when one runs. */
    public static Optional<Integer> postgresPort() {
        return running(POSTGRES_PORT);
    }

    private static Optional<Integer> running(String property) {
        String port = System.getProperty(property);
        if (port == null) {
            return Optional.empty();
        }
        int p = Integer.parseInt(port);
        if (new Endpoint("127.0.0.1", p).answers(PROBE)) {
            return Optional.of(p);
        }
        System.clearProperty(property); // it died: start another
        return Optional.empty();
    }

    private static Path dataDir(Mode mode) throws IOException {
        if (mode == Mode.DEV) {
            return Path.of(System.getProperty("user.dir")).resolve(DEV_DIR).toAbsolutePath();
        }
        String existing = System.getProperty(TEMP_DIR);
        if (existing != null && Files.isDirectory(Path.of(existing))) {
            return Path.of(existing);
        }
        Path temp = Files.createTempDirectory("sharepulse-embedded-");
        // Readable by the postgres user, which runs the server when we are root.
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        System.setProperty(TEMP_DIR, temp.toString());
        return temp;
    }

    /**
     * Keeps a started server for the JVM's lifetime: its port in {@code property}, where the next lookup of this
     * JVM finds it, and a shutdown hook ({@code thread}) that stops it and cleans up its folder.
     */
    private static void keep(String property, int port, Runnable stop, Mode mode, Path dir, String thread) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.run();
            cleanUp(mode, dir);
        }, thread));
        System.setProperty(property, Integer.toString(port));
    }

    /** After a server stopped: a test's folder goes (the shared temporary one with the last of them). */
    private static void cleanUp(Mode mode, Path dir) {
        if (mode == Mode.TEST) {
            EmbeddedPostgres.deleteTree(dir);
            EmbeddedPostgres.deleteTree(EmbeddedPostgres.toolLog(dir));
            try {
                Files.deleteIfExists(dir.getParent());
            } catch (IOException notEmptyYet) {
                // the other server's folder is still there; its hook removes the parent
            }
        }
    }

    private static String since(long startNanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    private static String where(Mode mode, Path dir) {
        return mode == Mode.DEV ? dir.toString() : dir + ", removed at exit";
    }

    private static Optional<String> passwordOf(String redisUrl) {
        try {
            String info = java.net.URI.create(redisUrl.strip()).getUserInfo();
            if (info == null || info.isEmpty()) {
                return Optional.empty();
            }
            int colon = info.indexOf(':');
            String password = colon < 0 ? info : info.substring(colon + 1);
            return password.isEmpty() ? Optional.empty() : Optional.of(password);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
