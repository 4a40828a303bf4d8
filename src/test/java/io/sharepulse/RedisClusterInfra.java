package io.sharepulse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A real Redis Cluster for the tests: 3 masters and 3 replicas started from the machine's {@code redis-server} on
 * loopback ports in 7100–7199 (cluster bus on port + 10000), joined with {@code redis-cli --cluster create}. The
 * service under test talks to it exactly as in production ({@code quarkus.redis.client-type=cluster}, the nodes
 * as seeds); PostgreSQL and the key prefix come from {@link TestInfra} as usual.
 *
 * <p>Use it through {@link Profile}: a test class that extends an existing one and adds
 * {@code @TestProfile(RedisClusterInfra.Profile.class)} runs that class's tests against the cluster. The nodes
 * are this run's own processes, kept in memory only, and stopped (by their process handles) when the profile's
 * tests end, or when the JVM exits.
 */
public class RedisClusterInfra implements QuarkusTestResourceLifecycleManager {

    /** Run a test class against the cluster instead of the single Redis. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RedisClusterInfra.class));
        }

        /** TestInfra runs inside this resource, so its single-Redis settings cannot race ours. */
        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    public static final int MASTERS = 3;
    public static final int REPLICAS_PER_MASTER = 1;
    static final int NODES = MASTERS * (1 + REPLICAS_PER_MASTER);
    static final int FIRST_PORT = 7100;
    static final int LAST_PORT = 7199;
    static final long START_TIMEOUT_MILLIS = TimeUnit.SECONDS.toMillis(30);

    /** The ports of the running cluster's nodes (for tests that talk to nodes directly). */
    private static volatile List<Integer> runningPorts = List.of();

    private final TestInfra infra = new TestInfra();
    private final List<Process> nodes = new ArrayList<>();
    private Path dir;
    private Thread shutdownHook;

    @Override
    public Map<String, String> start() {
        List<Integer> ports = freePorts();
        try {
            dir = Files.createTempDirectory("sharepulse-redis-cluster");
            shutdownHook = new Thread(this::stopNodes, "redis-cluster-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            for (int port : ports) {
                nodes.add(startNode(port));
            }
            for (int port : ports) {
                awaitReply(port, List.of("ping"), "PONG");
            }
            List<String> create = new ArrayList<>(List.of("--cluster", "create"));
            ports.forEach(p -> create.add("127.0.0.1:" + p));
            create.addAll(List.of("--cluster-replicas", Integer.toString(REPLICAS_PER_MASTER), "--cluster-yes"));
            String out = redisCli(ports.get(0), create);
            if (!out.contains("All 16384 slots covered")) {
                throw new IllegalStateException("redis-cli --cluster create failed:\n" + out);
            }
            for (int port : ports) {
                awaitReply(port, List.of("cluster", "info"), "cluster_state:ok");
            }
        } catch (IOException e) {
            stopNodes();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            stopNodes();
            throw e;
        }
        runningPorts = List.copyOf(ports);

        Map<String, String> config;
        try {
            config = new HashMap<>(infra.start());
        } catch (RuntimeException e) {
            stopNodes();
            throw e;
        }
        config.put("quarkus.redis.client-type", "cluster");
        config.put("quarkus.redis.hosts", ports.stream().map(p -> "redis://127.0.0.1:" + p)
                .collect(Collectors.joining(",")));
        return config;
    }

    @Override
    public void stop() {
        infra.stop(); // drops the database; its key clean-up finds nothing on the single Redis, which is fine
        stopNodes();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or has run
            }
        }
    }

    /** Ports of the nodes of the cluster now running (empty when none is). */
    public static List<Integer> ports() {
        return runningPorts;
    }

    /** Runs {@code redis-cli -p port args…} and returns what it printed. */
    public static String redisCli(int port, List<String> args) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port)));
        command.addAll(args);
        try {
            Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
            cli.getOutputStream().close();
            String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!cli.waitFor(30, TimeUnit.SECONDS)) {
                cli.destroyForcibly();
                throw new IllegalStateException("redis-cli " + args + " did not finish");
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("redis-cli is needed for the Redis Cluster tests", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Process startNode(int port) throws IOException {
        Path log = dir.resolve("node-" + port + ".log");
        // No persistence: a test cluster lives as long as its tests. A short node timeout only matters to
        // tests that stop a node; 5 s is a common production choice too.
        return new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--cluster-enabled", "yes", "--cluster-config-file", dir.resolve("nodes-" + port + ".conf").toString(),
                "--cluster-node-timeout", "5000", "--dir", dir.toString(), "--save", "", "--appendonly", "no")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private void awaitReply(int port, List<String> command, String expected) {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        String last = "";
        while (System.currentTimeMillis() < deadline) {
            last = redisCli(port, command);
            if (last.contains(expected)) {
                return;
            }
            nodes.stream().filter(p -> !p.isAlive()).findAny().ifPresent(dead -> {
                throw new IllegalStateException("a Redis Cluster node exited; see its log in " + dir);
            });
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("Redis node " + port + " never answered " + command + " with " + expected
                + "; last answer: " + last);
    }

    private synchronized void stopNodes() {
        runningPorts = List.of();
        for (Process node : nodes) {
            node.destroy(); // SIGTERM: redis-server shuts down at once (nothing to save)
        }
        for (Process node : nodes) {
            try {
                if (!node.waitFor(10, TimeUnit.SECONDS)) {
                    node.destroyForcibly();
                }
            } catch (InterruptedException e) {
                node.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        nodes.clear();
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary directory; the system cleans it eventually
            }
        }
    }

    /**
     * {@link #NODES} consecutive ports in our range whose cluster bus ports are free too. Another run (or a node a
     * killed run left behind) keeps its ports; we take the next free block.
     */
    private static List<Integer> freePorts() {
        for (int base = FIRST_PORT; base + NODES - 1 <= LAST_PORT; base += NODES) {
            List<Integer> block = new ArrayList<>();
            for (int port = base; port < base + NODES && free(port) && free(port + 10000); port++) {
                block.add(port);
            }
            if (block.size() == NODES) {
                return block;
            }
        }
        throw new IllegalStateException("No " + NODES + " free ports between " + FIRST_PORT + " and " + LAST_PORT);
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
