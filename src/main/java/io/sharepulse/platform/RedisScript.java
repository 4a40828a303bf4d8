package io.sharepulse.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Function;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * A Lua script run by digest ({@code EVALSHA}), so each call sends only keys and arguments. Redis forgets scripts
 * on restart (and each cluster node has its own cache): on {@code NOSCRIPT} the call is repeated once with the
 * body ({@code EVAL}), which also caches it again.
 */
public final class RedisScript {

    private final String body;
    private final String sha1;

    private RedisScript(String body) {
        this.body = body;
        this.sha1 = sha1(body);
    }

    /** Loads a script from the class path. */
    public static RedisScript fromResource(String resource) {
        try (InputStream in = RedisScript.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Redis script " + resource + " is missing");
            }
            return new RedisScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param keysAndArgs the {@code numkeys} keys followed by the arguments
     */
    public Uni<Response> run(ReactiveRedisDataSource redis, int numKeys, String... keysAndArgs) {
        Redis client = redis.getRedis().getDelegate();
        return Uni.createFrom().completionStage(() -> send(client::send, numKeys, keysAndArgs).toCompletionStage());
    }

    /** {@link #run} as a Vert.x future on the click path's connection: no Mutiny operators there. */
    public Future<Response> runFuture(PinnedRedis redis, int numKeys, String... keysAndArgs) {
        return send(redis::send, numKeys, keysAndArgs);
    }

    private Future<Response> send(Function<Request, Future<Response>> redis, int numKeys, String... keysAndArgs) {
        return redis.apply(request(Command.EVALSHA, sha1, numKeys, keysAndArgs)).recover(failure -> isNoScript(failure)
                ? redis.apply(request(Command.EVAL, body, numKeys, keysAndArgs))
                : Future.failedFuture(failure));
    }

    private static Request request(Command command, String script, int numKeys, String[] keysAndArgs) {
        // All arguments at once: the request's list is then sized once instead of grown by copies (25 on a click).
        Object[] args = new Object[keysAndArgs.length + 2];
        args[0] = script;
        args[1] = numKeys;
        System.arraycopy(keysAndArgs, 0, args, 2, keysAndArgs.length);
        return Request.cmd(command, args);
    }

    private static boolean isNoScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
