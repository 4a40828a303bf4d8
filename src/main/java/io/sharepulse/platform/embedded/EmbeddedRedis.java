package io.sharepulse.platform.embedded;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import redis.embedded.core.ExecutableProvider;

/**
 * A {@code redis-server} child process from the binary that {@code com.github.codemonstur:embedded-redis} ships
 * (Redis 6.2). We start it ourselves, with its log in a file: the library's own runner keeps the server's output
 * on a pipe nobody reads after start-up, which a long dev session could fill.
 */
final class EmbeddedRedis {

    private final Process process;
    private final int port;

    private EmbeddedRedis(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts a server on {@code port} keeping its files in {@code dir}; {@code durable} turns on the append-only
     * file, so a restart keeps what it held (dev mode), otherwise it keeps nothing (tests).
     */
    static EmbeddedRedis start(Path dir, int port, boolean durable, Optional<String> password) throws IOException {
        Files.createDirectories(dir);
        Path pidFile = dir.resolve("redis.pid");
        stopLeftover(pidFile);
        File executable = ExecutableProvider.newJarResourceProvider().get();
        List<String> command = new ArrayList<>(List.of(executable.getPath(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--dir", dir.toString(), "--save", "", "--appendonly", durable ? "yes" : "no",
                "--pidfile", pidFile.toString(), "--logfile", dir.resolve("redis.log").toString(),
                "--daemonize", "no"));
        password.ifPresent(p -> command.addAll(List.of("--requirepass", p)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile())).start();
        Endpoint endpoint = new Endpoint("127.0.0.1", port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!endpoint.answers(Duration.ofMillis(200))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IOException("the embedded Redis did not start; see " + dir.resolve("redis.log"));
            }
            sleep(50);
        }
        return new EmbeddedRedis(process, port);
    }

    int port() {
        return port;
    }

    /** SIGTERM: Redis flushes its append-only file and exits. */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** A server a killed JVM left running over this folder would share its files with ours: stop it first. */
    private static void stopLeftover(Path pidFile) {
        try {
            if (!Files.exists(pidFile)) {
                return;
            }
            long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).strip());
            ProcessHandle.of(pid).filter(p -> p.info().command().map(c -> c.contains("redis-server")).orElse(false))
                    .ifPresent(leftover -> {
                        leftover.destroy();
                        leftover.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
                    });
            Files.deleteIfExists(pidFile);
        } catch (IOException | NumberFormatException e) {
            // no usable pid file: nothing to stop
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
