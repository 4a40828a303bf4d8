package io.sharepulse.share;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sharepulse.platform.Hashing;
import io.sharepulse.platform.ProblemException;
import io.sharepulse.platform.PublicUrl;
import io.sharepulse.platform.SharepulseConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * What the widget asks for: links and counts of one page, in one request.
 *
 * <p>Answers carry an ETag of their body, so a client that revalidates (the widget asks with
 * {@code cache: "no-cache"}, to show a count that moved at once) gets a bodiless 304 while nothing changed.
 */
@Path("/api/v1/sites/{site}/share")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Share")
public class ShareResource {

    private final ShareService shares;
    private final PublicUrl publicUrl;
    private final ObjectMapper json;
    private final Visits visits;
    private final String cacheControl;

    public ShareResource(ShareService shares, PublicUrl publicUrl, ObjectMapper json, Visits visits,
            SharepulseConfig config) {
        this.shares = shares;
        this.publicUrl = publicUrl;
        this.json = json;
        this.visits = visits;
        this.cacheControl = "public, max-age=" + config.api().cacheSeconds();
    }

    @GET
    @Operation(summary = "Share links and counts of a page; registers the page as a post on first sight")
    public Uni<Response> share(@PathParam("site") String site,
            @Parameter(description = "the page's URL; must be on one of the site's domains", required = true)
            @QueryParam("url") String url,
            @Parameter(description = "the page's title, at most 300 characters") @QueryParam("title") String title,
            @Parameter(description = "an image URL for networks that show one") @QueryParam("media") String media,
            @Parameter(description = "full (default): links and counts; counts: the post and its counts only, with "
                    + "the path of the site's bar (names, icons, labels), which is cached for a year")
            @QueryParam("view") String view,
            UriInfo uri, @Context Request request, HttpServerRequest http) {
        Visit visit = visits.read(http, false);
        if (view == null || view.equals("full")) {
            return shares.share(site, url, title, media, publicUrl.base(uri), visit, Fetch.of(http))
                    .map(doc -> revalidated(doc, request));
        }
        if (view.equals("counts")) {
            return shares.counts(site, url, title, media, visit, Fetch.of(http)).map(doc -> revalidated(doc, request));
        }
        throw ProblemException.badRequest("invalid-view", "view is full or counts.");
    }

    private Response revalidated(Object doc, Request request) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // Weak: the same document may travel gzip-encoded or not.
        EntityTag tag = new EntityTag(Hashing.base64url(Hashing.sha256(body), 16), true);
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
        Response.ResponseBuilder builder = unchanged != null ? unchanged
                : Response.ok(body, MediaType.APPLICATION_JSON_TYPE).tag(tag);
        return builder.header(HttpHeaders.CACHE_CONTROL, cacheControl).build();
    }
}
