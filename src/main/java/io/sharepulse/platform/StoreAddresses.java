package io.sharepulse.platform;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.quarkus.runtime.ExecutionMode;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.sharepulse.platform.embedded.Endpoint;
import io.sharepulse.platform.embedded.EmbeddedStores;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Where the stores are, decided once as the application starts (its run-time configuration, never the build's).
 *
 * <ul>
 * <li>Dev mode and tests: when nothing answers at the configured PostgreSQL or Redis address, an embedded server
 * takes its place ({@link EmbeddedStores}, one log line each), so a laptop with only a JDK runs the service. A
 * configured server that answers is always used. {@code sharepulse.dev.embedded-stores=false} turns this off.</li>
 * <li>Production (and dev mode without a store): a PostgreSQL nobody answers for stops the start with one line
 * that names the setting to change, instead of Flyway's stack trace: Flyway and Hibernate are told not to try, and
 * {@link StoreHealth} ends the start once logging is set up. (Redis is checked at start-up too: without it readers
 * are still redirected, so it only warns.)</li>
 * </ul>
 * Registered in {@code META-INF/services/io.smallrye.config.ConfigSourceFactory}.
 */
public class StoreAddresses implements ConfigSourceFactory {

    static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    static final String JDBC_USER = "quarkus.datasource.username";
    static final String REDIS_HOSTS = "quarkus.redis.hosts";
    static final String REDIS_PASSWORD = "quarkus.redis.password";
    static final String REDIS_CLIENT_TYPE = "quarkus.redis.client-type";
    static final String SWITCH = "sharepulse.dev.embedded-stores";
    static final String FLYWAY_AT_START = "quarkus.flyway.migrate-at-start";
    static final String HIBERNATE_VERSION_CHECK = "quarkus.hibernate-orm.database.version-check.enabled";
    /** Outside our mapped prefix: the refusal travels to {@link StoreHealth} through the configuration. */
    static final String POSTGRES_REFUSAL = "io.sharepulse.postgres-unreachable";
    /** Above every other source (system properties are 400): these values only replace addresses nobody answers at. */
    static final int ORDINAL = Integer.MAX_VALUE;
    /** How long a production start waits for PostgreSQL to answer (it may be starting beside us). */
    static final Duration POSTGRES_PATIENCE = Duration.ofSeconds(10);

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (ExecutionMode.current() != ExecutionMode.RUNTIME_INIT) {
            return List.of(); // the build and static init read no store address, and must never start a store
        }
        LaunchMode launch = LaunchMode.current();
        Map<String, String> overrides = new HashMap<>();
        if (launch.isDevOrTest() && !"false".equalsIgnoreCase(value(context, SWITCH).orElse("true"))) {
            EmbeddedStores.Mode mode = launch == LaunchMode.TEST ? EmbeddedStores.Mode.TEST : EmbeddedStores.Mode.DEV;
            value(context, JDBC_URL).flatMap(url -> EmbeddedStores.postgresFor(url, mode)).ifPresent(url -> {
                overrides.put(JDBC_URL, url);
                overrides.put(JDBC_USER, "postgres");
            });
            if ("standalone".equals(value(context, REDIS_CLIENT_TYPE).orElse("standalone"))) {
                value(context, REDIS_HOSTS).flatMap(url -> EmbeddedStores.redisFor(url, mode,
                        value(context, REDIS_PASSWORD))).ifPresent(url -> overrides.put(REDIS_HOSTS, url));
            }
        }
        if (launch != LaunchMode.TEST && !overrides.containsKey(JDBC_URL)) {
            value(context, JDBC_URL).flatMap(url -> unreachablePostgres(url, POSTGRES_PATIENCE)).ifPresent(refusal -> {
                // Refused once logging is set up (StoreHealth, at start-up), not here: Flyway must not try first.
                overrides.put(FLYWAY_AT_START, "false");
                // Hibernate still looks at the database's metadata at start-up and warns at length when it cannot.
                overrides.put(HIBERNATE_VERSION_CHECK, "false");
                overrides.put("quarkus.log.category.\"org.hibernate.orm.jdbc\".level", "ERROR");
                overrides.put(POSTGRES_REFUSAL, refusal);
            });
        }
        return overrides.isEmpty() ? List.of()
                : List.of(new PropertiesConfigSource(overrides, "Sharepulse embedded stores", ORDINAL));
    }

    /**
     * The one line that refuses the start when nothing answers at the PostgreSQL address within {@code patience};
     * empty when it answers (or the URL is not one we understand: the driver will say what it thinks of it).
     */
    static Optional<String> unreachablePostgres(String jdbcUrl, Duration patience) {
        Optional<Endpoint> endpoint = Endpoint.ofJdbc(jdbcUrl);
        if (endpoint.isEmpty()) {
            return Optional.empty();
        }
        long deadline = System.nanoTime() + patience.toNanos();
        while (!endpoint.get().answers(Duration.ofSeconds(2))) {
            if (System.nanoTime() > deadline) {
                return Optional.of(unreachable(endpoint.get()));
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of(unreachable(endpoint.get()));
            }
        }
        return Optional.empty();
    }

    /** Ends the start with the refusal {@link #getConfigSources} recorded, if any: one line, no stack trace. */
    static void refuseIfRecorded(Optional<String> refusal) {
        if (refusal.isPresent()) {
            throw new ConfigurationException(refusal.get());
        }
    }

    static String unreachable(Endpoint endpoint) {
        return "Sharepulse cannot start: nothing answers at " + endpoint + ", where QUARKUS_DATASOURCE_JDBC_URL ("
                + JDBC_URL + ") points for PostgreSQL. Start that server, or set QUARKUS_DATASOURCE_JDBC_URL to one "
                + "that runs (docs/OPERATIONS.md).";
    }

    private static Optional<String> value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? Optional.empty()
                : Optional.of(value.getValue().strip());
    }
}
