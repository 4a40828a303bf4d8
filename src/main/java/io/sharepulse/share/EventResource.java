package io.sharepulse.share;

import java.util.List;

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

import com.fasterxml.jackson.databind.ObjectMapper;

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

    private static final BeaconBody BODY = new BeaconBody("event", MAX_BODY, List.of("network"),
            "{\"network\":\"copy\"}");

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
        String network = BODY.read(json, body).get("network");
        return events.count(post, network, visits.read(request, false))
                .map(outcome -> Response.noContent().header(HttpHeaders.CACHE_CONTROL, "no-store").build());
    }
}
