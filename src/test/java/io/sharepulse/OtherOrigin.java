package io.sharepulse;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpServer;

/**
 * A second web origin for browser tests: serves fixed pages on 127.0.0.1 (the service under test answers on
 * localhost, so the two never share an origin), each with its own response headers such as a strict CSP.
 */
public final class OtherOrigin implements AutoCloseable {

    /**
     * A test site's options for pages served from here: the site owns 127.0.0.1 as well as the pages' URLs', as a
     * real blog's pages are on its own domain, so the browser's requests come from one of the site's pages.
     */
    public static final Map<String, Object> OWN_PAGES = Map.of("domains", List.of("blog.example", "127.0.0.1"));

    private record Page(String html, Map<String, String> headers) {
    }

    private final HttpServer server;
    private final Map<String, Page> pages = new ConcurrentHashMap<>();

    /** What the README asks of a page: script-src and connect-src for our origin ({@code api}), nothing else. */
    public static String strictCsp(String api) {
        return "default-src 'none'; script-src " + api + "; connect-src " + api;
    }

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
