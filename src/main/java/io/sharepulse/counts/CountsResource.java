package io.sharepulse.counts;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.sharepulse.platform.SharepulseConfig;
import io.smallrye.mutiny.Uni;

/** Public share counts of one post. */
@Path("/api/v1/posts/{post}/counts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Counts")
public class CountsResource {

    private final CountsService counts;
    private final String cacheControl;

    public CountsResource(CountsService counts, SharepulseConfig config) {
        this.counts = counts;
        this.cacheControl = "public, max-age=" + config.api().cacheSeconds();
    }

    @GET
    @Operation(summary = "Clicks per network and in total")
    public Uni<Response> counts(@PathParam("post") String post) {
        return counts.counts(post).map(c -> Response.ok(c).header(HttpHeaders.CACHE_CONTROL, cacheControl).build());
    }
}
