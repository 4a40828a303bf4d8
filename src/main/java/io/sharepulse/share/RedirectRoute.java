package io.sharepulse.share;

import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;

import io.sharepulse.platform.ProblemMapper;
import io.sharepulse.share.RedirectService.Destination;
import io.sharepulse.share.RedirectService.Pick;
import io.sharepulse.share.RedirectService.Redirect;
import io.sharepulse.share.RedirectService.Retired;
import io.sharepulse.share.RedirectService.Target;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The hot path of {@code GET /s/{post}/{network}}: a click on a live network, answered 302 straight from a Vert.x
 * route, without JAX-RS's per-request context, response building and filters. Together with the click on Vert.x
 * futures and a pinned Redis connection this halved the CPU per click (docs/PERFORMANCE.md); the work itself,
 * {@link RedirectService#clickFuture}, is shared with {@link RedirectResource}. Everything
 * else on that address — HEAD, retired networks (an HTML page), ids that cannot exist — falls through to
 * {@link RedirectResource}, which also documents the endpoint.
 */
@Singleton
public class RedirectRoute {

    /** After the edge checks (EdgeProblems, at the lowest order), before JAX-RS. */
    static final int ORDER = -1000;

    private static final String PREFIX = "/s/";

    /** Every redirect answer: never cached or indexed, and the network learns nothing of where the reader was. */
    static final Map<String, String> HEADERS = Map.of(
            "Cache-Control", "no-store",
            "X-Robots-Tag", "noindex, nofollow",
            "Referrer-Policy", "no-referrer",
            "X-Content-Type-Options", "nosniff");

    private final RedirectService redirects;
    private final Visits visits;
    private final ProblemMapper problems;

    public RedirectRoute(RedirectService redirects, Visits visits, ProblemMapper problems) {
        this.redirects = redirects;
        this.visits = visits;
        this.problems = problems;
    }

    void install(@Observes Router router) {
        // A prefix route, parsed here: Vert.x matches "/s/:post/:network" with a regular expression per request.
        router.get("/s/*").order(ORDER).handler(this::click);
    }

    /**
     * The post and network of {@code /s/{post}/{network}}, when both are plain (letters, digits, '.', '-', '_'),
     * else null: anything that needs decoding or is shaped otherwise goes to JAX-RS, which decodes and answers it.
     */
    static String[] ids(String path) {
        if (path == null || !path.startsWith(PREFIX)) {
            return null;
        }
        int slash = path.indexOf('/', PREFIX.length());
        if (slash < 0 || slash == PREFIX.length() || slash == path.length() - 1) {
            return null;
        }
        for (int i = PREFIX.length(); i < path.length(); i++) {
            char c = path.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '-' || c == '_';
            if (!plain && i != slash) {
                return null;
            }
        }
        return new String[] { path.substring(PREFIX.length(), slash), path.substring(slash + 1) };
    }

    /**
     * Where a redirect or our own page (the catalog entry names it: the fediverse picker, the QR code) sends the
     * reader; a retired network is answered with a page, not a redirect. No third party is in the path of a page.
     */
    static String location(Destination destination) {
        if (destination instanceof Redirect r) {
            return r.location();
        }
        if (destination instanceof Pick p) {
            return p.network().page().href(p.network(), p.post().value());
        }
        throw new IllegalArgumentException("a retired network is answered with a page, not a redirect");
    }

    private void click(RoutingContext ctx) {
        String[] ids = ids(ctx.request().path());
        Optional<Target> target = ids == null ? Optional.empty() : redirects.redirectTarget(ids[0], ids[1]);
        if (target.isEmpty()) {
            ctx.next();
            return;
        }
        redirects.clickFuture(target.get(), visits.read(ctx.request(), false)).onComplete(
                destination -> send(ctx, destination),
                failure -> fail(ctx, failure));
    }

    private void send(RoutingContext ctx, Destination destination) {
        if (destination instanceof Retired) {
            ctx.next(); // cannot happen for a live network; RedirectResource answers it anyway, counting nothing
            return;
        }
        String location = location(destination);
        HttpServerResponse response = ctx.response();
        if (response.closed()) {
            return; // the reader left; the click was counted all the same
        }
        response.setStatusCode(302).putHeader(HttpHeaders.LOCATION, location);
        HEADERS.forEach(response::putHeader);
        response.end();
    }

    private void fail(RoutingContext ctx, Throwable failure) {
        ProblemMapper.write(ctx.response(), problems.answer(failure, ctx.request().path()), false);
    }
}
