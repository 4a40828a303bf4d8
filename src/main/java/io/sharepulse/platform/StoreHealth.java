package io.sharepulse.platform;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;


import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.sharepulse.platform.embedded.Endpoint;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;

/**
 * Health of the two stores. Losing one degrades the service without stopping it: without Redis readers are
 * still redirected (clicks are not stored and counted as lost), without PostgreSQL redirects and counts go on.
 * So readiness stays UP and reports {@code state: degraded} (taking every pod out of a load balancer at once
 * would turn a degraded service into a dead one), while {@code /q/health/well} reports DOWN for alerting.
 * These replace Quarkus' own Redis and datasource checks, which would fail readiness.
 */
@ApplicationScoped
public class StoreHealth {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    private static final Logger LOG = Logger.getLogger(StoreHealth.class);

    private final ReactiveRedisDataSource redis;
    private final AgroalDataSource database;

    public StoreHealth(ReactiveRedisDataSource redis, AgroalDataSource database) {
        this.redis = redis;
        this.database = database;
    }

    @Produces
    @Readiness
    AsyncHealthCheck redisReadiness() {
        return () -> redisUp().map(up -> response("redis", up, true));
    }

    @Produces
    @Wellness
    AsyncHealthCheck redisWellness() {
        return () -> redisUp().map(up -> response("redis", up, false));
    }

    @Produces
    @Readiness
    HealthCheck postgresReadiness() {
        return () -> response("postgresql", postgresUp(), true);
    }

    @Produces
    @Wellness
    HealthCheck postgresWellness() {
        return () -> response("postgresql", postgresUp(), false);
    }

    /** Ends a start whose PostgreSQL nobody answers for, with the one line {@link StoreAddresses} recorded. */
    void refuseWithoutPostgres(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start,
            @ConfigProperty(name = StoreAddresses.POSTGRES_REFUSAL) Optional<String> refusal) {
        StoreAddresses.refuseIfRecorded(refusal);
    }

    /**
     * One line at start-up when no Redis answers: the service starts anyway (readers are redirected without it),
     * but an operator should know at once which setting to look at, not from the dropped-clicks metric later.
     */
    void warnWithoutRedis(@Observes StartupEvent start,
            @ConfigProperty(name = "quarkus.redis.hosts") List<String> hosts) {
        List<Endpoint> endpoints = hosts.stream().map(Endpoint::ofRedis).flatMap(Optional::stream).toList();
        if (!endpoints.isEmpty() && endpoints.stream().noneMatch(e -> e.answers(PROBE_TIMEOUT))) {
            LOG.warnf("Nothing answers at %s, where QUARKUS_REDIS_HOSTS (quarkus.redis.hosts) points for Redis: readers"
                    + " are still redirected, but clicks are not counted until it answers.",
                    endpoints.stream().map(Endpoint::toString).collect(Collectors.joining(", ")));
        }
    }

    private Uni<Boolean> redisUp() {
        return redis.execute("PING").ifNoItem().after(PROBE_TIMEOUT).fail()
                .map(reply -> true).onFailure().recoverWithItem(false);
    }

    private boolean postgresUp() {
        try (Connection c = database.getConnection()) {
            return c.isValid((int) PROBE_TIMEOUT.toSeconds());
        } catch (Exception e) {
            return false;
        }
    }

    private static HealthCheckResponse response(String store, boolean up, boolean readiness) {
        return HealthCheckResponse.named(store).status(up || readiness)
                .withData("state", up ? "up" : "degraded").build();
    }
}
