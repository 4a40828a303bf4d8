package io.sharepulse.share;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.sharepulse.platform.PublicUrl;
import io.sharepulse.platform.SharepulseConfig;
import io.smallrye.mutiny.Uni;

/** What the widget asks for: links and counts of one page, in one request. */
@Path("/api/v1/sites/{site}/share")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Share")
public class ShareResource {

    private final ShareService shares;
    private final PublicUrl publicUrl;
    private final String cacheControl;

    public ShareResource(ShareService shares, PublicUrl publicUrl, SharepulseConfig config) {
        this.shares = shares;
        this.publicUrl = publicUrl;
        this.cacheControl = "public, max-age=" + config.api().cacheSeconds();
    }

    @GET
    @Operation(summary = "Share links and counts of a page; registers the page as a post on first sight")
    public Uni<Response> share(@PathParam("site") String site,
            @Parameter(description = "the page's URL; must be on one of the site's domains", required = true)
            @QueryParam("url") String url,
            @Parameter(description = "the page's title, at most 300 characters") @QueryParam("title") String title,
            @Parameter(description = "an image URL for networks that show one") @QueryParam("media") String media,
            UriInfo uri) {
        return shares.share(site, url, title, media, publicUrl.base(uri))
                .map(doc -> Response.ok(doc).header(HttpHeaders.CACHE_CONTROL, cacheControl).build());
    }
}
