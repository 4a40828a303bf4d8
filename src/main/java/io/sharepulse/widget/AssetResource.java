package io.sharepulse.widget;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.sharepulse.platform.CacheControl;
import io.sharepulse.platform.ProblemException;
import io.sharepulse.widget.Assets.Asset;

/**
 * {@code /widget.js} and {@code /embed.css}, the URLs bloggers paste (cached a day, then revalidated by ETag), and
 * {@code /v/{hash}/{name}}, the same files under a content-hash URL that never changes (cached for a year,
 * {@code immutable}; fit for Subresource Integrity). Gzip is served from a copy made at start-up.
 */
@Path("/")
@Tag(name = "Widget")
public class AssetResource {

    static final String REVALIDATE = "public, max-age=86400, stale-while-revalidate=604800";

    private final Assets assets;

    public AssetResource(Assets assets) {
        this.assets = assets;
    }

    @GET
    @Path("widget.js")
    @Operation(summary = "The share bar script: <script src=\".../widget.js\" data-site=\"...\" async>")
    public Response widget(@HeaderParam(HttpHeaders.ACCEPT_ENCODING) String encodings, @Context Request request) {
        return serve(assets.get("widget.js"), REVALIDATE, encodings, request);
    }

    @GET
    @Path("a.js")
    @Operation(summary = "The arrivals tag for pages without a bar: <script src=\".../a.js\" data-site=\"...\" async>")
    public Response arrivals(@HeaderParam(HttpHeaders.ACCEPT_ENCODING) String encodings, @Context Request request) {
        return serve(assets.get("a.js"), REVALIDATE, encodings, request);
    }

    @GET
    @Path("embed.css")
    @Operation(summary = "The stylesheet of the no-JS fragment")
    public Response embedCss(@HeaderParam(HttpHeaders.ACCEPT_ENCODING) String encodings, @Context Request request) {
        return serve(assets.get("embed.css"), REVALIDATE, encodings, request);
    }

    @GET
    @Path("v/{hash}/{name}")
    @Operation(summary = "An asset under its content-hash URL (immutable)")
    public Response versioned(@PathParam("hash") String hash, @PathParam("name") String name,
            @HeaderParam(HttpHeaders.ACCEPT_ENCODING) String encodings, @Context Request request) {
        Asset asset = assets.find(name).filter(a -> a.hash().equals(hash)).orElseThrow(() -> ProblemException
                .notFound("unknown-asset", "No file has this version; /widget.js is always the current one."));
        return serve(asset, CacheControl.IMMUTABLE, encodings, request);
    }

    static Response serve(Asset asset, String cacheControl, String encodings, Request request) {
        boolean gzip = encodings != null && encodings.toLowerCase(java.util.Locale.ROOT).contains("gzip");
        // Each encoding is its own representation, so each has its own strong ETag.
        EntityTag tag = new EntityTag(gzip ? asset.hash() + "-gz" : asset.hash());
        Response.ResponseBuilder builder = request.evaluatePreconditions(tag);
        if (builder == null) {
            builder = Response.ok(gzip ? asset.gzipped() : asset.body()).type(asset.contentType());
            if (gzip) {
                builder.header("Content-Encoding", "gzip");
            }
        }
        return builder.tag(tag)
                .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING)
                // Cross-origin pages load these; CORS lets them check Subresource Integrity.
                .header("Access-Control-Allow-Origin", "*")
                .header("Cross-Origin-Resource-Policy", "cross-origin")
                .build();
    }
}
