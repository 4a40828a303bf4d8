package io.sharepulse.share;

import java.util.List;
import java.util.Map;

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

    private static final BeaconBody BODY = new BeaconBody("arrival", MAX_BODY, List.of("url", "network"),
            "{\"url\":\"…\",\"network\":\"reddit\"}");

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
        Map<String, String> fields = BODY.read(json, body);
        return arrivals.arrive(site, fields.get("url"), fields.get("network"), visits.read(request, false))
                .map(outcome -> Response.noContent().header(HttpHeaders.CACHE_CONTROL, "no-store").build());
    }
}
