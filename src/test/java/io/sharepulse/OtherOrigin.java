package io.sharepulse;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpServer;

/**
 * A second web origin for browser tests: serves fixed pages on 127.0.0.1 (the service under test answers on
 * localhost, so the two never share an origin), each with its own response headers such as a strict CSP.
 */
public final class OtherOrigin implements AutoCloseable {

    private record Page(String html, Map<String, String> headers) {
    }

    private final HttpServer server;
    private final Map<String, Page> pages = new ConcurrentHashMap<>();

    public OtherOrigin() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            Page page = pages.get(exchange.getRequestURI().getPath());
            byte[] body = (page == null ? "not found" : page.html()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type",
                    page == null ? "text/plain" : "text/html; charset=utf-8");
            if (page != null) {
                page.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            }
            exchange.sendResponseHeaders(page == null ? 404 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** Serves {@code html} at {@code path} with these headers; returns the page's URL. */
    public String serve(String path, String html, Map<String, String> headers) {
        pages.put(path, new Page(html, headers));
        return origin() + path;
    }

    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
