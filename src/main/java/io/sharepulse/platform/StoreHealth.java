package io.sharepulse.platform;

import java.sql.Connection;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;


import io.agroal.api.AgroalDataSource;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
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
