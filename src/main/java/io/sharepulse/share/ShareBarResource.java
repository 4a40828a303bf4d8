package io.sharepulse.share;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.sharepulse.platform.CacheControl;
import io.sharepulse.platform.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * A site's bar under its version: what every page of the site shows the same (names, kinds, labels, icons, colours,
 * theme). The lean share answer names the current version, so a browser fetches it once and keeps it for a year.
 */
@Path("/api/v1/sites/{site}/bar/{version}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Share")
public class ShareBarResource {

    /** A version the site no longer has (it was edited a moment ago): the current bar, kept only briefly. */
    static final String SUPERSEDED = "public, max-age=60";

    private final ShareService shares;

    public ShareBarResource(ShareService shares) {
        this.shares = shares;
    }

    @GET
    @Operation(summary = "A site's bar (buttons without a post's links or counts), immutable under its version")
    public Uni<Response> bar(@PathParam("site") String site, @PathParam("version") String version,
            @Context Request request) {
        return shares.bar(site).map(found -> {
            ShareBars.Bar bar = found.orElseThrow(() -> ProblemException.notFound("unknown-site", "No site has this id."));
            return answer(bar, bar.version().equals(version) ? CacheControl.IMMUTABLE : SUPERSEDED, request);
        });
    }

    private static Response answer(ShareBars.Bar bar, String cacheControl, Request request) {
        EntityTag tag = new EntityTag(bar.version(), true);
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
        Response.ResponseBuilder builder = unchanged != null ? unchanged
                : Response.ok(bar.json(), MediaType.APPLICATION_JSON_TYPE).tag(tag);
        return builder.header(HttpHeaders.CACHE_CONTROL, cacheControl).build();
    }
}
