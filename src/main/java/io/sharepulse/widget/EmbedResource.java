package io.sharepulse.widget;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.sharepulse.platform.PublicUrl;
import io.sharepulse.platform.SharepulseConfig;
import io.sharepulse.share.Fetch;
import io.sharepulse.share.Visits;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code GET /embed/{site}?url=…&title=…}: the share bar as plain HTML and one stylesheet link, for readers
 * without JavaScript ({@code <noscript>}), server-side includes and iframes. Same options as the widget's
 * {@code data-*} attributes, as query parameters.
 */
@Path("/embed/{site}")
@Tag(name = "Widget")
public class EmbedResource {

    private final Fragments fragments;
    private final PublicUrl publicUrl;
    private final Visits visits;
    private final String cacheControl;

    public EmbedResource(Fragments fragments, PublicUrl publicUrl, Visits visits, SharepulseConfig config) {
        this.fragments = fragments;
        this.publicUrl = publicUrl;
        this.visits = visits;
        this.cacheControl = "public, max-age=" + config.api().cacheSeconds();
    }

    @GET
    @Operation(summary = "The share bar as an HTML fragment (no JavaScript needed)")
    public Uni<Response> fragment(@PathParam("site") String site, @QueryParam("url") String url,
            @QueryParam("title") String title, @QueryParam("networks") String networks,
            @QueryParam("theme") String theme, @QueryParam("layout") String layout, @QueryParam("size") String size,
            @QueryParam("counts") String counts, @QueryParam("labels") String labels, UriInfo uri,
            HttpServerRequest request) {
        String base = publicUrl.base(uri);
        BarOptions options = BarOptions.of(networks, theme, layout, size, counts, labels);
        return fragments.render(site, url, title, options, base, visits.read(request, false), Fetch.of(request))
                .map(html -> Pages
                .html(Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("utf-8")),
                        // Framable on purpose (iframe embeds): no frame-ancestors.
                        "default-src 'none'; style-src " + Pages.origin(base) + "; base-uri 'none'; form-action 'none'")
                .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                .header("Access-Control-Allow-Origin", "*")
                .header("X-Robots-Tag", "noindex")
                .build());
    }
}
