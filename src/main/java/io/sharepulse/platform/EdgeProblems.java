package io.sharepulse.platform;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;

/**
 * Problems raised at the edge, before JAX-RS and so before {@link ProblemMapper}. Vert.x Web fails a request whose
 * Host is missing or unparseable, or whose target is not a path ({@code OPTIONS *}, {@code CONNECT host:443}); left
 * to Quarkus, those answers were empty, or a JSON page naming the exception with its stack. Here they become
 * problem+json like every other error.
 *
 * <p>Framings RFC 9112 says a server must refuse are refused here too, because Vert.x lets them through: more than
 * one Host header, or an empty one (proxies and we could disagree on the host; our links would be broken), a
 * Transfer-Encoding whose last coding is not chunked (no way to tell where the body ends: the request-smuggling
 * shape), and raw bytes outside printable ASCII in the request target (Netty reads them as ISO-8859-1). A body
 * larger than {@code quarkus.http.limits.max-body-size} is refused from its Content-Length, before anything reads
 * it, with a 413 that says why (the HTTP layer's own refusal has an empty body). A chunked body has no length to
 * refuse up front: it is read here, within the same limit, so one that runs over it gets that 413 too, and JAX-RS
 * takes the body read (left to RESTEasy, the reader got an empty 413 and the log two errors).
 *
 * <p>Not reachable from here, so still empty answers (HostileInputTest lists them): what Netty's decoder refuses
 * (a request line or header that does not parse or is too long, conflicting Content-Length), and a target
 * {@link java.net.URI} cannot parse (Quarkus checks it before routing: malformed escapes).
 */
@ApplicationScoped
public class EdgeProblems {

    /** A path we may echo as the problem's instance; anything else (raw bytes, markup) is left out. */
    private static final Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9._~!$&'()*+,;=:@/%-]{0,199}");

    private final ProblemMapper problems;
    private final long maxBody;
    private final ProblemMapper.Answer tooLarge;
    private final BodyHandler chunkedBodies;

    public EdgeProblems(ProblemMapper problems,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        this.problems = problems;
        this.maxBody = maxBody.asLongValue();
        this.tooLarge = problems.answer(new Problem("about:blank", "Payload Too Large", 413,
                "The request body is larger than " + (this.maxBody / 1024) + " KB.", null, null));
        this.chunkedBodies = BodyHandler.create(false).setBodyLimit(this.maxBody);
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::framing).failureHandler(this::failed);
    }

    /** The HTTP metrics' path for what is refused here: the raw path of a malformed request is no tag. */
    static final String REFUSED_TEMPLATE = "/{refused}";

    private void framing(RoutingContext ctx) {
        String refused = refusal(ctx.request());
        if (refused != null) {
            UnroutedMetrics.tag(Vertx.currentContext(), REFUSED_TEMPLATE);
            ProblemMapper.write(ctx.response(), problems.answer(new Problem("urn:sharepulse:problem:invalid-request",
                    "Bad Request", 400, refused, null, null)), true);
            return;
        }
        if (isOver(ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH))) {
            UnroutedMetrics.tag(Vertx.currentContext(), REFUSED_TEMPLATE);
            ProblemMapper.write(ctx.response(), tooLarge, true);
            return;
        }
        if (ctx.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            // Only chunked is left (refusal); over the limit, the body handler fails the request with 413: failed().
            chunkedBodies.handle(ctx);
            return;
        }
        ctx.next();
    }

    private boolean isOver(String length) {
        if (length == null) {
            return false;
        }
        try {
            return Long.parseLong(length.strip()) > maxBody;
        } catch (NumberFormatException e) {
            return false; // the HTTP layer refuses a malformed length itself
        }
    }

    /** Why a request's framing is refused, or null. */
    static String refusal(HttpServerRequest request) {
        var headers = request.headers();
        List<String> hosts = headers.getAll(HttpHeaders.HOST);
        if (hosts.size() > 1) {
            return "A request has one Host header.";
        }
        if (hosts.size() == 1 && hosts.get(0).isBlank()) {
            // Vert.x takes an empty Host as valid; every link and redirect we build from it would be broken.
            return "The Host header is empty.";
        }
        String coding = headers.get(HttpHeaders.TRANSFER_ENCODING);
        if (coding != null && !lastCoding(coding).equals("chunked")) {
            return "A body's last transfer coding must be chunked.";
        }
        String uri = request.uri();
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                // Netty hands raw bytes over as ISO-8859-1: UTF-8 would be read as something else entirely.
                return "The request target must be ASCII; percent-encode everything else as UTF-8.";
            }
        }
        return null;
    }

    private static String lastCoding(String codings) {
        String last = codings.substring(codings.lastIndexOf(',') + 1);
        int parameters = last.indexOf(';');
        return (parameters < 0 ? last : last.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
    }

    private void failed(RoutingContext ctx) {
        if (ctx.response().closed()) {
            // The client or Netty closed the connection (a chunk that does not decode): no one to answer, no bug.
            return;
        }
        if (ctx.response().headWritten()) {
            // Someone answered already (an over-long body is refused as soon as it is seen): Quarkus' own handler
            // knows how to end or cut a response that has started.
            ctx.next();
            return;
        }
        int status = ctx.statusCode();
        if (status < 400 && ctx.failure() instanceof HttpException e) {
            status = e.getStatusCode();
        }
        boolean undecodable = status < 400 && readingChunkedBody(ctx);
        if (undecodable) {
            status = 400;
        }
        if (status < 400 || status > 599) {
            status = 500;
        }
        UnroutedMetrics.tag(Vertx.currentContext(), REFUSED_TEMPLATE);
        String path = ctx.request().path();
        String instance = path != null && SAFE_PATH.matcher(path).matches() ? path : null;
        ProblemMapper.Answer answer = status >= 500 ? problems.internalError(ctx.failure(), instance)
                : status == 413 ? tooLarge
                : undecodable ? problems.answer(new Problem("urn:sharepulse:problem:invalid-request", "Bad Request",
                        400, "The body's chunked framing is malformed.", instance, null))
                : problems.answer(ProblemMapper.forStatus(status, instance));
        ProblemMapper.write(ctx.response(), answer, status == 413 || status == 400);
    }

    /**
     * The request failed while the edge was still reading its chunked body (a chunk size that is not hex): the
     * client's framing, not a bug. Netty closes the connection after it, so the answer seldom reaches the client.
     */
    private static boolean readingChunkedBody(RoutingContext ctx) {
        return ctx.request().headers().contains(HttpHeaders.TRANSFER_ENCODING) && !ctx.request().isEnded();
    }
}
