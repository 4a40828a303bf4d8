package io.sharepulse.integrations;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * The real blog platforms the integration tests drive (WordPress under {@code php -S}, {@code hugo},
 * {@code jekyll}, Node.js for Eleventy): commands run to completion with a deadline, servers started and stopped
 * by their own process handles (never by name), and the check that a platform is installed at all. The build
 * installs the platforms first ({@code scripts/ensure-integrations.sh}); where it could not, the test is skipped
 * with the reason rather than failed.
 */
public final class Platform {

    /** The repository's {@code integrations/} folder (tests run with the project as working directory). */
    public static final Path INTEGRATIONS = Path.of("integrations").toAbsolutePath();

    private Platform() {
    }

    /** What a finished command printed (stdout and stderr together) and its exit code. */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** Skips the calling test unless every executable is on the PATH (or given as an absolute path). */
    public static void require(String... executables) {
        for (String exe : executables) {
            Assumptions.assumeTrue(findExecutable(exe), exe + " is not installed (scripts/ensure-integrations.sh)");
        }
    }

    /** Runs a command in {@code dir} to completion; fails the test if it outlives {@code timeout}. */
    public static Result run(Path dir, Duration timeout, Map<String, String> env, String... command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        try {
            Path log = Files.createTempFile("sharepulse-platform", ".log");
            pb.redirectOutput(log.toFile());
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(p);
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout + ":\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A server process of a test's own, with its output in a log file for failure messages. */
    public record Server(Process process, Path log) implements AutoCloseable {
        public String output() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }

        @Override
        public void close() {
            stop(process);
        }
    }

    /** Starts a server and waits until it accepts connections on {@code port} (127.0.0.1). */
    public static Server serve(Path dir, Map<String, String> env, int port, Duration startTimeout, String... command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        try {
            Path log = Files.createTempFile("sharepulse-server", ".log");
            pb.redirectOutput(log.toFile());
            Server server = new Server(pb.start(), log);
            long deadline = System.nanoTime() + startTimeout.toNanos();
            while (!accepts(port)) {
                if (!server.process().isAlive() || System.nanoTime() > deadline) {
                    server.close();
                    throw new AssertionError(String.join(" ", command) + " did not listen on " + port + ":\n"
                            + server.output());
                }
                Thread.sleep(50);
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A loopback port nobody listens on right now. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends a process this test started, and the processes it started (a PHP server's workers, say). */
    public static void stop(Process p) {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean findExecutable(String exe) {
        if (exe.startsWith("/")) {
            return new File(exe).canExecute();
        }
        for (String dir : List.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator))) {
            if (new File(dir, exe).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
