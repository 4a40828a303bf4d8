package io.sharepulse.platform;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpServerResponse;

/**
 * The one place errors become responses: every failure leaves as RFC 9457 {@code application/problem+json}.
 * Messages are ours, never an exception's: no class name, stack trace or echoed input reaches a client.
 */
@Singleton
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    private static final int MAX_INSTANCE = 200;

    /** Fixed wording per status for errors raised by the framework (unknown route, wrong method, …). */
    private static final Map<Integer, String> DETAILS = Map.of(
            400, "The request could not be understood.",
            401, "Authentication is required.",
            403, "This credential may not do that.",
            404, "There is nothing at this address.",
            405, "This address does not accept that method.",
            406, "This address cannot answer in the media type asked for.",
            413, "The request body is too large.",
            415, "This address does not accept that content type.");

    /** Seconds a client is asked to wait when Redis is full: memory does not come back in a moment. */
    static final int FULL_RETRY_AFTER_SECONDS = 30;

    private final ObjectMapper json;
    private final Counter redisFull;
    /** When Redis is full every request fails alike: one log line in ten seconds says it, with how many. */
    private final AtomicLong lastFullLog = new AtomicLong(System.nanoTime() - 20_000_000_000L);
    private final AtomicLong fullSinceLog = new AtomicLong();

    public ProblemMapper(ObjectMapper json, MeterRegistry registry) {
        this.json = json;
        this.redisFull = Counter.builder("sharepulse.redis.full")
                .description("Requests answered 503 because Redis refused a write: out of memory (noeviction)")
                .register(registry);
    }

    /**
     * A failure as it leaves, whatever answers it: the problem, its serialised body and the headers that go with it.
     * JAX-RS answers through the mappers below; the redirect's own Vert.x route ({@code share.RedirectRoute}) writes
     * it directly, so both say the same thing.
     */
    public record Answer(Problem problem, String body, Map<String, String> headers) {
    }

    /** The answer for any failure, ours or not, on the given request path. */
    public Answer answer(Throwable failure, String path) {
        String instance = instance(path);
        if (failure instanceof ProblemException e) {
            Map<String, String> headers = new LinkedHashMap<>();
            if (e.retryAfterSeconds() != null) {
                headers.put(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds().toString());
            }
            if (e.status() == 401) {
                headers.put(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"sharepulse\"");
            }
            return answer(new Problem(e.type(), e.title(), e.status(), e.getMessage(), instance, e.errors()), headers);
        }
        if (StorageUnavailable.isRedisFull(failure)) {
            redisFull.increment();
            logFull(failure);
            return answer(new Problem("urn:sharepulse:problem:storage-full", "Service Unavailable", 503,
                    "The service cannot store anything new right now; please retry later.", instance, null),
                    Map.of(HttpHeaders.RETRY_AFTER, Integer.toString(FULL_RETRY_AFTER_SECONDS)));
        }
        if (StorageUnavailable.causedBy(failure)) {
            // A store is down: say so and when to retry; it is an outage, not a bug, so no stack trace.
            LOG.warnf("Storage unavailable on %s: %s", path == null ? "?" : path, StorageUnavailable.describe(failure));
            return answer(new Problem("urn:sharepulse:problem:storage-unavailable", "Service Unavailable", 503,
                    "A data store is briefly unavailable; please retry shortly.", instance, null),
                    Map.of(HttpHeaders.RETRY_AFTER, Integer.toString(StorageUnavailable.RETRY_AFTER_SECONDS)));
        }
        return internalError(failure, path);
    }

    private void logFull(Throwable failure) {
        long count = fullSinceLog.incrementAndGet();
        long now = System.nanoTime();
        long last = lastFullLog.get();
        if (now - last > 10_000_000_000L && lastFullLog.compareAndSet(last, now)) {
            fullSinceLog.addAndGet(-count);
            LOG.errorf("Redis is out of memory (maxmemory, noeviction): %d requests refused with 503 since the last "
                    + "report (%s). Give Redis memory; see docs/OPERATIONS.md", count,
                    StorageUnavailable.describe(failure));
        }
    }

    /** A bug, not an outage: logged with a reference the client gets, and nothing else of it. */
    public Answer internalError(Throwable failure, String path) {
        String ref = UUID.randomUUID().toString();
        LOG.errorf(failure, "Unexpected error %s on %s", ref, path == null ? "?" : path);
        return answer(new Problem("about:blank", "Internal Server Error", 500,
                "Something went wrong on our side (reference " + ref + ").", instance(path), null), Map.of());
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(answer(e, path(uri)));
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return build(new Problem("urn:sharepulse:problem:invalid-input", "Invalid request", 400,
                "Some fields are not valid; see errors.", instance(uri), errors)).build();
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        String detail = "The body is not valid JSON.";
        if (e instanceof UnrecognizedPropertyException u) {
            detail = "Unknown field '" + u.getPropertyName() + "'.";
        } else if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
            MismatchedInputException m = (MismatchedInputException) e;
            String path = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> a + "." + b).orElse("");
            detail = path.isEmpty() ? "The body does not have the expected shape."
                    : "Field '" + path + "' has the wrong type.";
        }
        return build(new Problem("urn:sharepulse:problem:unreadable-body", "Invalid request", 400, detail,
                instance(uri), null)).build();
    }

    /** Listed on its own: Quarkus ships a mapper for this subtype that would otherwise win and echo input. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof ProblemException own) {
            return problem(own, uri); // a parameter converter's, wrapped by JAX-RS: said as we said it
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.ResponseBuilder builder = build(forStatus(status, instance(uri)));
        // Keep the headers that tell a client how to retry correctly (e.g. Allow on 405).
        if (e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
            builder.header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW));
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        return respond(answer(e, path(uri)));
    }

    /** The problem for a bare HTTP status raised by the framework, in our fixed wording. */
    static Problem forStatus(int status, String instance) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        return new Problem("about:blank", title, status, DETAILS.getOrDefault(status, title + "."), instance, null);
    }

    private Response.ResponseBuilder build(Problem problem) {
        return Response.status(problem.status()).entity(serialise(problem)).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    private Response respond(Answer answer) {
        Response.ResponseBuilder builder = build(answer.problem());
        answer.headers().forEach(builder::header);
        return builder.build();
    }

    /** A problem of our own making, with no extra headers. */
    public Answer answer(Problem problem) {
        return answer(problem, Map.of());
    }

    private Answer answer(Problem problem, Map<String, String> headers) {
        return new Answer(problem, serialise(problem), headers);
    }

    /**
     * Writes an answer on a Vert.x response, for what answers outside JAX-RS (the edge checks, the redirect route).
     *
     * @param close the rest of the connection cannot be trusted to be framed as the client meant
     */
    public static void write(HttpServerResponse response, Answer answer, boolean close) {
        if (response.closed() || response.headWritten()) {
            return;
        }
        response.setStatusCode(answer.problem().status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader("X-Content-Type-Options", "nosniff");
        answer.headers().forEach(response::putHeader);
        if (close) {
            response.putHeader("Connection", "close");
        }
        response.end(answer.body());
    }

    private String serialise(Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException impossible) {
            return "{\"title\":\"Error\",\"status\":" + problem.status() + "}";
        }
    }

    private static String field(ConstraintViolation<?> v) {
        // Drop the method and parameter names (create.arg0.name → name): the caller knows only JSON fields.
        String last = null;
        StringBuilder out = new StringBuilder();
        int index = 0;
        for (Path.Node node : v.getPropertyPath()) {
            index++;
            if (index <= 2 && (node.getKind() == ElementKind.METHOD
                    || node.getKind() == ElementKind.PARAMETER)) {
                last = node.getName();
                continue;
            }
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(node.getName());
        }
        return out.length() > 0 ? out.toString() : (last == null ? "" : last);
    }

    private static String instance(UriInfo uri) {
        return instance(path(uri));
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    private static String instance(String path) {
        if (path == null) {
            return null;
        }
        return path.length() > MAX_INSTANCE ? path.substring(0, MAX_INSTANCE) : path;
    }
}
