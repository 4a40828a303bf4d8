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
 * {@code POST /api/v1/posts/{post}/events}: the widget reports a use of Copy link or Share… with
 * {@code navigator.sendBeacon}. The body is {@code {"network":"copy"}}, sent as {@code text/plain} (a beacon with
 * that type needs no CORS preflight; {@code application/json} is accepted too). It is counted exactly like a
 * click on a network button: same bot, DNT/GPC and dedupe rules, same script.
 */
@Path("/api/v1/posts/{post}/events")
@Tag(name = "Share")
public class EventResource {

    /** {"network":"webshare"} is 22 bytes; anything much longer is not from our widget. */
    static final int MAX_BODY = 256;

    private final EventService events;
    private final Visits visits;
    private final ObjectMapper json;

    public EventResource(EventService events, Visits visits, ObjectMapper json) {
        this.events = events;
        this.visits = visits;
        this.json = json;
    }

    @POST
    @Consumes({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
    @Operation(summary = "Count a use of a widget action (copy, webshare, print); answers 204")
    @RequestBody(description = "{\"network\":\"copy\"} as text/plain or application/json")
    public Uni<Response> event(@PathParam("post") String post, String body, HttpServerRequest request) {
        String network = network(body);
        return events.count(post, network, visits.read(request, false))
                .map(outcome -> Response.noContent().header(HttpHeaders.CACHE_CONTROL, "no-store").build());
    }

    /** The one field a valid body has; anything else is refused with a problem that says why. */
    String network(String body) {
        if (body == null || body.isBlank()) {
            throw invalid("The body is empty; send {\"network\":\"copy\"}.");
        }
        if (body.length() > MAX_BODY) {
            throw new ProblemException(413, "event-too-large", "Payload Too Large",
                    "An event body is at most " + MAX_BODY + " characters.");
        }
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw invalid("The body is not valid JSON; send {\"network\":\"copy\"}.");
        }
        if (tree == null || !tree.isObject()) {
            throw invalid("The body must be a JSON object such as {\"network\":\"copy\"}.");
        }
        Iterator<String> fields = tree.fieldNames();
        while (fields.hasNext()) {
            String field = fields.next();
            if (!"network".equals(field)) {
                throw invalid("Unknown field '" + (field.length() > 40 ? field.substring(0, 40) : field) + "'.");
            }
        }
        JsonNode network = tree.get("network");
        if (network == null || !network.isTextual() || network.asText().isEmpty()) {
            throw invalid("Field 'network' must be a network id such as \"copy\" or \"webshare\".");
        }
        return network.asText();
    }

    private static ProblemException invalid(String detail) {
        return ProblemException.badRequest("invalid-event", detail);
    }
}
