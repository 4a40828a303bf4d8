package io.sharepulse.platform;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * Commands on the click path go over one connection per event loop, leased from the client's pool once and kept:
 * borrowing and returning a pooled connection per click cost more CPU than writing the command, and clicks from
 * one loop pipeline on their connection. A connection that fails or closes is dropped, and the next command
 * leases another, so counting resumes by itself when Redis comes back. Off the event loop, the pool serves as
 * usual.
 */
@Singleton
public class PinnedRedis {

    private static final Logger LOG = Logger.getLogger(PinnedRedis.class);

    private final Redis pool;
    /** Keyed by event-loop thread: each loop reads and writes only its own entry. */
    private final Map<Thread, Future<RedisConnection>> leases = new ConcurrentHashMap<>();

    public PinnedRedis(ReactiveRedisDataSource redis) {
        this.pool = redis.getRedis().getDelegate();
    }

    public Future<Response> send(Request request) {
        if (!Context.isOnEventLoopThread()) {
            return pool.send(request);
        }
        Thread loop = Thread.currentThread();
        Future<RedisConnection> lease = leases.get(loop);
        if (lease == null || lease.failed()) {
            lease = lease(loop);
        }
        return lease.compose(connection -> connection.send(request));
    }

    private Future<RedisConnection> lease(Thread loop) {
        Future<RedisConnection> lease = pool.connect();
        leases.put(loop, lease);
        lease.onSuccess(connection -> {
            connection.exceptionHandler(failure -> drop(loop, lease, connection, failure));
            connection.endHandler(ended -> drop(loop, lease, connection, null));
        });
        return lease;
    }

    private void drop(Thread loop, Future<RedisConnection> lease, RedisConnection connection, Throwable failure) {
        if (leases.remove(loop, lease)) {
            LOG.debugf("Click connection of %s dropped: %s", loop.getName(), failure);
            connection.close();
        }
    }
}
