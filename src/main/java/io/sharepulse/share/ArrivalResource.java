package io.sharepulse.share;

import java.util.Iterator;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sharepulse.platform.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code POST /api/v1/sites/{site}/arrivals}: {@code widget.js} or {@code /a.js} reports that a reader arrived on a
 * page through a tagged share link ({@code ?sp=reddit}). The body is {@code {"url":"<the page>","network":"reddit"}},
 * sent with {@code navigator.sendBeacon} as {@code text/plain} (no CORS preflight); {@code application/json} too.
 * Answers 204 whether or not the arrival could be counted (Redis down: dropped and metered).
 */
@Path("/api/v1/sites/{site}/arrivals")
@Tag(name = "Share")
public class ArrivalResource {

    /** A page URL may be 2,048 characters, plus the network and the JSON around them. */
    static final int MAX_BODY = 2_300;

    private final ArrivalService arrivals;
    private final Visits visits;
    private final ObjectMapper json;

    public ArrivalResource(ArrivalService arrivals, Visits visits, ObjectMapper json) {
        this.arrivals = arrivals;
        this.visits = visits;
        this.json = json;
    }

    @POST
    @Consumes({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
    @Operation(summary = "Count a reader's arrival through a tagged share link (?sp=<network>); answers 204")
    @RequestBody(description = "{\"url\":\"https://blog.example/post\",\"network\":\"reddit\"} as text/plain or "
            + "application/json")
    public Uni<Response> arrive(@PathParam("site") String site, String body, HttpServerRequest request) {
        JsonNode tree = parse(body);
        return arrivals.arrive(site, tree.get("url").asText(), tree.get("network").asText(),
                visits.read(request, false))
                .map(outcome -> Response.noContent().header(HttpHeaders.CACHE_CONTROL, "no-store").build());
    }

    /** The two fields a valid body has; anything else is refused with a problem that says why. */
    JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw invalid("The body is empty; send {\"url\":\"…\",\"network\":\"reddit\"}.");
        }
        if (body.length() > MAX_BODY) {
            throw new ProblemException(413, "arrival-too-large", "Payload Too Large",
                    "An arrival body is at most " + MAX_BODY + " characters.");
        }
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw invalid("The body is not valid JSON; send {\"url\":\"…\",\"network\":\"reddit\"}.");
        }
        if (tree == null || !tree.isObject()) {
            throw invalid("The body must be a JSON object such as {\"url\":\"…\",\"network\":\"reddit\"}.");
        }
        Iterator<String> fields = tree.fieldNames();
        while (fields.hasNext()) {
            String field = fields.next();
            if (!"network".equals(field) && !"url".equals(field)) {
                throw invalid("Unknown field '" + (field.length() > 40 ? field.substring(0, 40) : field) + "'.");
            }
        }
        for (String field : new String[] { "url", "network" }) {
            JsonNode value = tree.get(field);
            if (value == null || !value.isTextual() || value.asText().isEmpty()) {
                throw invalid("Field '" + field + "' must be a non-empty string.");
            }
        }
        return tree;
    }

    private static ProblemException invalid(String detail) {
        return ProblemException.badRequest("invalid-arrival", detail);
    }
}
