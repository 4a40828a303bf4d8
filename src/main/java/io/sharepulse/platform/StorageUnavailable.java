package io.sharepulse.platform;

import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeoutException;

import org.hibernate.exception.JDBCConnectionException;

import io.netty.channel.ConnectTimeoutException;

/**
 * Recognises failures that mean "PostgreSQL or Redis cannot be reached right now" (refused or reset
 * connections, exhausted pools, timeouts), as opposed to bugs. Those become 503 with Retry-After.
 */
public final class StorageUnavailable {

    public static final int RETRY_AFTER_SECONDS = 5;

    private StorageUnavailable() {
    }

    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // Mutiny's TimeoutException shares the JDK's simple name, hence its full one.
            if (t instanceof ConnectException || t instanceof SQLTransientConnectionException
                    || t instanceof TimeoutException || t instanceof io.smallrye.mutiny.TimeoutException
                    || t instanceof JDBCConnectionException
                    || t instanceof ConnectTimeoutException
                    || (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08"))
                    || (t instanceof IOException && t.getClass().getName().startsWith("io.netty"))
                    || isRedisConnectionFailure(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether Redis refused a write because it is out of memory ({@code maxmemory} with {@code noeviction}: the
     * policy our manifests set, so counts are never evicted silently). Not a bug and not an outage of the network:
     * the operator must give Redis memory, or let posts nobody clicked expire.
     */
    public static boolean isRedisFull(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.contains("OOM command not allowed")) {
                return true;
            }
        }
        return false;
    }

    /** One line for the log: the innermost cause's type and message. */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static boolean isRedisConnectionFailure(Throwable t) {
        String message = t.getMessage();
        return message != null && t.getClass().getName().startsWith("io.vertx")
                && (message.contains("Connection refused") || message.contains("Connection is closed")
                        || message.contains("Connection closed") || message.contains("Connection reset"));
    }
}
