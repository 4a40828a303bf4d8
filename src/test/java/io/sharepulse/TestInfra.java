package io.sharepulse;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.sharepulse.platform.embedded.EmbeddedStores;
import io.sharepulse.platform.embedded.EmbeddedStores.Mode;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;

/**
 * Gives every test run its own PostgreSQL database and Redis key prefix on the machine's real servers, and
 * removes both afterwards, so runs (and people) sharing the servers never see each other's data. Flyway builds
 * the schema in the empty database at start-up, as it would in production.
 *
 * <p>Servers: {@code SHAREPULSE_TEST_PG} (a JDBC URL of a database we may create others from, default the local
 * {@code postgres}) and {@code SHAREPULSE_TEST_REDIS} (default {@code redis://127.0.0.1:6379}). Where nothing
 * answers there, the whole suite runs on an embedded PostgreSQL and Redis instead ({@link EmbeddedStores}: one of
 * each per JVM, in a temporary folder), so a machine with only a JDK runs it too.
 */
@WithTestResource(value = TestInfra.class, scope = TestResourceScope.GLOBAL)
public class TestInfra implements QuarkusTestResourceLifecycleManager {

    static final String PG_CONFIGURED = env("SHAREPULSE_TEST_PG", "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final String REDIS_CONFIGURED = env("SHAREPULSE_TEST_REDIS", "redis://127.0.0.1:6379");
    /** The server the suite uses: the configured one, or the embedded one when nothing answers there. */
    static final String PG = EmbeddedStores.postgresFor(PG_CONFIGURED, Mode.TEST).orElse(PG_CONFIGURED);
    /** The embedded server's superuser is {@code postgres}. */
    static final String PG_USER = PG.equals(PG_CONFIGURED) ? env("SHAREPULSE_TEST_PG_USER", "postgres") : "postgres";
    static final String REDIS = EmbeddedStores.redisFor(REDIS_CONFIGURED, Mode.TEST, Optional.empty())
            .orElse(REDIS_CONFIGURED);
    static final String DB_PREFIX = "sharepulse_test_";
    /** Databases of runs that died without cleaning up are dropped once they are this old. */
    static final long STALE_MILLIS = TimeUnit.HOURS.toMillis(6);

    private String database;
    private String keyPrefix;

    @Override
    public Map<String, String> start() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        database = DB_PREFIX + System.currentTimeMillis() + "_" + run;
        keyPrefix = "sptest-" + run;
        try (Connection c = DriverManager.getConnection(PG, PG_USER, ""); Statement st = c.createStatement()) {
            dropStale(st);
            st.execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + PG + " is needed for the tests", e);
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", databaseUrl(database),
                "quarkus.datasource.username", PG_USER,
                "quarkus.redis.hosts", REDIS,
                "sharepulse.redis.key-prefix", keyPrefix);
    }

    @Override
    public void stop() {
        try (Connection c = DriverManager.getConnection(PG, PG_USER, ""); Statement st = c.createStatement()) {
            st.execute("drop database if exists " + database + " with (force)");
        } catch (SQLException e) {
            System.err.println("Could not drop test database " + database + ": " + e.getMessage());
        }
        deleteKeys(keyPrefix + ":*");
    }

    /** A JDBC URL of another database on the test server. */
    public static String databaseUrl(String name) {
        int slash = PG.lastIndexOf('/');
        int query = PG.indexOf('?', slash);
        return PG.substring(0, slash + 1) + name + (query < 0 ? "" : PG.substring(query));
    }

    public static Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(PG, PG_USER, "");
    }

    /** Deletes every key matching the pattern (SCAN: fine in tests, never on a request path). */
    public static void deleteKeys(String pattern) {
        deleteKeys(REDIS, pattern);
        // Under RedisClusterInfra every node holds its own keys: scan each (a replica refuses the UNLINK; its
        // master does it).
        for (int port : RedisClusterInfra.ports()) {
            deleteKeys("redis://127.0.0.1:" + port, pattern);
        }
    }

    private static void deleteKeys(String server, String pattern) {
        Vertx vertx = Vertx.vertx();
        try {
            Redis client = Redis.createClient(vertx, server);
            RedisAPI api = RedisAPI.api(client);
            String cursor = "0";
            do {
                Response page = api.scan(List.of(cursor, "MATCH", pattern, "COUNT", "1000"))
                        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                cursor = page.get(0).toString();
                List<String> keys = new ArrayList<>();
                page.get(1).forEach(k -> keys.add(k.toString()));
                if (!keys.isEmpty()) {
                    client.send(io.vertx.redis.client.Request.cmd(Command.UNLINK, keys.toArray()))
                            .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                }
            } while (!"0".equals(cursor));
            client.close();
        } catch (Exception e) {
            if (e.getMessage() != null && e.getMessage().contains("MOVED")) {
                return; // a cluster replica
            }
            System.err.println("Could not delete test keys " + pattern + ": " + e);
        } finally {
            vertx.close();
        }
    }

    private static void dropStale(Statement st) throws SQLException {
        List<String> stale = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("select datname from pg_database where datname like '" + DB_PREFIX + "%'")) {
            while (rs.next()) {
                String name = rs.getString(1);
                String[] parts = name.substring(DB_PREFIX.length()).split("_");
                try {
                    if (System.currentTimeMillis() - Long.parseLong(parts[0]) > STALE_MILLIS) {
                        stale.add(name);
                    }
                } catch (NumberFormatException ignored) {
                    // not one of ours
                }
            }
        }
        for (String name : stale) {
            st.execute("drop database if exists " + name + " with (force)");
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
