package io.sharepulse.share;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sharepulse.platform.Hashing;
import io.sharepulse.platform.ProblemMapper;
import io.sharepulse.platform.SharepulseConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The page-view path, {@code GET /api/v1/sites/{site}/share?view=counts}: what every page view of every embedding
 * blog asks for, answered straight from a Vert.x route like the counted redirect ({@link RedirectRoute}), without
 * JAX-RS's per-request context and filters, which cost as much as the work itself. The answer is the same as
 * {@link ShareResource}'s for that view (which documents the endpoint and answers every other request on it: the
 * full view, HEAD, a site id that needs decoding); errors are the same problem+json.
 */
@Singleton
public class ShareCountsRoute {

    private static final String PREFIX = "/api/v1/sites/";
    private static final String SUFFIX = "/share";

    private final ShareService shares;
    private final Visits visits;
    private final ProblemMapper problems;
    private final ObjectMapper json;
    private final String cacheControl;

    public ShareCountsRoute(ShareService shares, Visits visits, ProblemMapper problems, ObjectMapper json,
            SharepulseConfig config) {
        this.shares = shares;
        this.visits = visits;
        this.problems = problems;
        this.json = json;
        this.cacheControl = "public, max-age=" + config.api().cacheSeconds();
    }

    void install(@Observes Router router) {
        router.get(PREFIX + "*").order(RedirectRoute.ORDER).handler(this::share);
    }

    /** The site id of {@code /api/v1/sites/{site}/share} when it is plain (letters, digits, '-', '_'), else null. */
    static String site(String path) {
        if (path == null || !path.startsWith(PREFIX) || !path.endsWith(SUFFIX)
                || path.length() <= PREFIX.length() + SUFFIX.length()) {
            return null;
        }
        for (int i = PREFIX.length(); i < path.length() - SUFFIX.length(); i++) {
            char c = path.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                return null;
            }
        }
        return path.substring(PREFIX.length(), path.length() - SUFFIX.length());
    }

    private void share(RoutingContext ctx) {
        String site = site(ctx.request().path());
        if (site == null || !"counts".equals(first(ctx, "view"))) {
            ctx.next();
            return;
        }
        shares.countsFuture(site, first(ctx, "url"), first(ctx, "title"), first(ctx, "media"),
                () -> visits.read(ctx.request(), false), Fetch.of(ctx.request()))
                .onComplete(doc -> send(ctx, doc), failure -> fail(ctx, failure));
    }

    /** The first value of a query parameter, as JAX-RS's {@code @QueryParam} takes it. */
    private static String first(RoutingContext ctx, String name) {
        List<String> values = ctx.queryParam(name);
        return values.isEmpty() ? null : values.get(0);
    }

    private void send(RoutingContext ctx, ShareCounts doc) {
        HttpServerResponse response = ctx.response();
        if (response.closed()) {
            return;
        }
        byte[] body;
        try {
            body = write(json.getFactory(), doc);
        } catch (IOException e) {
            fail(ctx, e);
            return;
        }
        // Weak, as ShareResource's: the same document may travel gzip-encoded or not.
        String tag = "W/\"" + Hashing.base64url(Hashing.sha256(body), 16) + "\"";
        response.putHeader(HttpHeaders.ETAG, tag)
                .putHeader(HttpHeaders.CACHE_CONTROL, cacheControl)
                .putHeader("Access-Control-Allow-Origin", "*")
                .putHeader("Timing-Allow-Origin", "*")
                .putHeader("X-Content-Type-Options", "nosniff");
        if (matches(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH), tag)) {
            response.setStatusCode(304).end();
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(Buffer.buffer(body));
    }

    /**
     * The document as the object mapper writes the record (its components in order, nulls as null), with the
     * streaming generator: the mapper's reflection and serializer lookups were 8 % of a page view's CPU for a
     * 150-byte answer.
     */
    static byte[] write(JsonFactory factory, ShareCounts doc) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("post", doc.post());
            g.writeStringField("url", doc.url());
            g.writeStringField("title", doc.title());
            g.writeFieldName("total");
            if (doc.total() == null) {
                g.writeNull();
            } else {
                g.writeNumber(doc.total());
            }
            g.writeFieldName("counts");
            if (doc.counts() == null) {
                g.writeNull();
            } else {
                g.writeStartObject();
                for (Map.Entry<String, Long> count : doc.counts().entrySet()) {
                    g.writeFieldName(count.getKey());
                    if (count.getValue() == null) {
                        g.writeNull();
                    } else {
                        g.writeNumber(count.getValue());
                    }
                }
                g.writeEndObject();
            }
            g.writeStringField("bar", doc.bar());
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    /** If-None-Match by weak comparison (RFC 9110 §13.1.2): any listed tag, W/ or not, or {@code *}. */
    static boolean matches(String ifNoneMatch, String tag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String opaque = tag.substring(2);
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || c.equals(opaque) || (c.startsWith("W/") && c.substring(2).equals(opaque))) {
                return true;
            }
        }
        return false;
    }

    private void fail(RoutingContext ctx, Throwable failure) {
        ProblemMapper.write(ctx.response(), problems.answer(failure, ctx.request().path()), false);
    }
}
