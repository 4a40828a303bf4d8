package io.sharepulse;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A Redis server and a PostgreSQL cluster of the test's own, on spare loopback ports, that fault tests may stop
 * and start at will without disturbing the machine's servers (or anybody else's test run). Started from the
 * machine's {@code redis-server} and PostgreSQL binaries ({@code pg_config --bindir}); PostgreSQL runs as the
 * {@code postgres} user when the tests run as root, as initdb requires.
 */
public class OwnStores extends AfterTestInfra {

    /** The profile fault tests run under: the app talks to these stores only. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OwnStores.class));
        }
    }

    public static OwnRedis redis;
    public static OwnPostgres postgres;

    @Override
    public Map<String, String> start() {
        redis = new OwnRedis(freePort());
        redis.start();
        postgres = new OwnPostgres(freePort());
        postgres.start();
        return Map.of(
                "quarkus.redis.hosts", "redis://127.0.0.1:" + redis.port(),
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/postgres",
                "quarkus.datasource.username", "postgres",
                "sharepulse.redis.key-prefix", "spfault",
                // The production click timeout: these tests are about it (the others run with a longer one).
                "sharepulse.redis.click-timeout", "100ms",
                // Short, so a test sees a click Redis never answers reported as lost.
                "sharepulse.redis.click-grace", "1500ms");
    }

    @Override
    public void stop() {
        if (redis != null) {
            redis.stop();
        }
        if (postgres != null) {
            postgres.destroy();
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A redis-server child process without persistence: a restart loses every key, as a real crash would. */
    public static final class OwnRedis {
        private final int port;
        private final List<String> extraArgs;
        private Process process;

        /** @param extraArgs more redis-server options, e.g. a tiny {@code --maxmemory} */
        public OwnRedis(int port, String... extraArgs) {
            this.port = port;
            this.extraArgs = List.of(extraArgs);
        }

        public int port() {
            return port;
        }

        public synchronized void start() {
            try {
                List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
                        "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"));
                command.addAll(extraArgs);
                process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                await(() -> run("redis-cli", "-p", Integer.toString(port), "ping").contains("PONG"), "redis up");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        public synchronized void stop() {
            if (process != null) {
                process.destroy();
                try {
                    process.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                process = null;
            }
        }

        /**
         * Holds every client's commands for {@code seconds} ({@code CLIENT PAUSE … ALL}; Redis 7 refuses
         * {@code DEBUG SLEEP} by default): the server answers them all when the pause ends, as a hung one would.
         */
        public void freeze(double seconds) {
            cli("CLIENT", "PAUSE", Long.toString(Math.round(seconds * 1000)), "ALL");
        }

        public String cli(String... args) {
            List<String> command = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(port)));
            command.addAll(List.of(args));
            return run(command.toArray(String[]::new));
        }
    }

    /** A throw-away PostgreSQL cluster in a temporary directory. */
    public static final class OwnPostgres {
        private final int port;
        private final Path home;
        private final boolean asRoot;
        private final String bin;

        OwnPostgres(int port) {
            this.port = port;
            this.asRoot = "root".equals(System.getProperty("user.name"));
            this.bin = run("pg_config", "--bindir").strip();
            try {
                home = Files.createTempDirectory("sharepulse-pg-" + UUID.randomUUID().toString().substring(0, 6));
                Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
                Path data = Files.createDirectory(home.resolve("data"));
                if (asRoot) {
                    UserPrincipal owner = home.getFileSystem().getUserPrincipalLookupService()
                            .lookupPrincipalByName("postgres");
                    Files.setOwner(home, owner);
                    Files.setOwner(data, owner);
                }
                String out = pg("initdb", "-D", data.toString(), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                        "--no-sync");
                if (!Files.exists(data.resolve("PG_VERSION"))) {
                    throw new IllegalStateException("initdb failed: " + out);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        public int port() {
            return port;
        }

        public void start() {
            pg("pg_ctl", "-D", home.resolve("data").toString(), "-l", home.resolve("log").toString(), "-w",
                    "-o", "-p " + port + " -k " + home + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
            await(() -> run("pg_isready", "-h", "127.0.0.1", "-p", Integer.toString(port)).contains("accepting"),
                    "postgres up");
        }

        public void stop() {
            pg("pg_ctl", "-D", home.resolve("data").toString(), "-m", "fast", "-w", "stop");
        }

        void destroy() {
            stop();
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException ignored) {
                // temp dir left behind
            }
        }

        private String pg(String tool, String... args) {
            List<String> command = new ArrayList<>();
            if (asRoot) {
                command.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            command.add(bin + "/" + tool);
            command.addAll(List.of(args));
            return run(command.toArray(String[]::new));
        }
    }

    static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
