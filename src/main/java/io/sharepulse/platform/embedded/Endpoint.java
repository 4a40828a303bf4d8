package io.sharepulse.platform.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** A host and port a store is configured at, read from a JDBC or Redis URL, and whether anything answers there. */
public record Endpoint(String host, int port) {

    /** The first host of a {@code jdbc:postgresql://host[:port][,…]/db} URL; empty when the URL is another kind. */
    public static Optional<Endpoint> ofJdbc(String url) {
        String prefix = "jdbc:postgresql://";
        if (url == null || !url.startsWith(prefix)) {
            return Optional.empty();
        }
        String rest = url.substring(prefix.length());
        int end = indexOfAny(rest, "/?,");
        return hostAndPort(end < 0 ? rest : rest.substring(0, end), 5432);
    }

    /** The host of a single {@code redis://} URL; empty for TLS, Unix sockets or several hosts. */
    public static Optional<Endpoint> ofRedis(String url) {
        if (url == null || url.contains(",") || !url.startsWith("redis://")) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(url.strip());
            return uri.getHost() == null ? Optional.empty()
                    : Optional.of(new Endpoint(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The JDBC URL with this endpoint's host and port in place of the first host of {@code url}. */
    public String inJdbc(String url) {
        String prefix = "jdbc:postgresql://";
        String rest = url.substring(prefix.length());
        int end = indexOfAny(rest, "/?");
        return prefix + host + ":" + port + (end < 0 ? "/" : rest.substring(end));
    }

    /** The database a JDBC URL names ({@code postgres} when none). */
    public static String database(String jdbcUrl) {
        String rest = jdbcUrl.substring("jdbc:postgresql://".length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return "postgres";
        }
        String db = rest.substring(slash + 1);
        int query = db.indexOf('?');
        db = query < 0 ? db : db.substring(0, query);
        return db.isEmpty() ? "postgres" : db;
    }

    /** The Redis URL with this endpoint's host and port, keeping the credentials and database of {@code url}. */
    public String inRedis(String url) {
        URI uri = URI.create(url.strip());
        String auth = uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@";
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return "redis://" + auth + host + ":" + port + path;
    }

    /** Whether a TCP connection to any of the host's addresses succeeds within the timeout. */
    public boolean answers(Duration timeout) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (IOException e) {
            return false; // a name that does not resolve answers nothing
        }
        for (InetAddress address : addresses) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
                return true;
            } catch (IOException e) {
                // try the next address
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static Optional<Endpoint> hostAndPort(String hostPort, int defaultPort) {
        if (hostPort.isEmpty()) {
            return Optional.of(new Endpoint("localhost", defaultPort));
        }
        try {
            URI uri = URI.create("x://" + hostPort);
            if (uri.getHost() == null) {
                return Optional.empty();
            }
            String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                    : uri.getHost();
            return Optional.of(new Endpoint(host, uri.getPort() < 0 ? defaultPort : uri.getPort()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
