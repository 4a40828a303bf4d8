package io.sharepulse.widget;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.sharepulse.platform.ProblemException;
import io.sharepulse.platform.PublicUrl;
import io.sharepulse.platform.SharepulseConfig;
import io.sharepulse.site.DemoSiteSeeder;
import io.sharepulse.share.Visits;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code /demo}: the 2008 blog post this product began from, with its share bar alive again, embedded the way a
 * blogger would: the widget comes from another origin than the page. Opened as {@code http://localhost:8080/demo}
 * it loads the widget from {@code http://127.0.0.1:8080} (and the other way round); elsewhere from the public URL.
 * Served only where the demo site is seeded (dev mode, {@code SHAREPULSE_DEMO_ENABLED}).
 */
@Path("/demo")
@Tag(name = "Widget")
public class DemoResource {

    /** The post's permanent address on the (imaginary) 2008 blog, given to the widget as the canonical URL. */
    public static final String POST_URL = "http://localhost/2008/10/neural-networks";
    public static final String POST_TITLE = "Neural Networks: Makes it hard to get out of that rut";

    @CheckedTemplate(basePath = "widget")
    static class Templates {
        static native TemplateInstance demo(String canonical, String title, String widgetOrigin, String site,
                String bar2008, String modern, String fragment, String stylesheet);
    }

    private final Fragments fragments;
    private final PublicUrl publicUrl;
    private final Assets assets;
    private final Visits visits;
    private final boolean enabled;

    public DemoResource(Fragments fragments, PublicUrl publicUrl, Assets assets, Visits visits,
            SharepulseConfig config) {
        this.fragments = fragments;
        this.publicUrl = publicUrl;
        this.assets = assets;
        this.visits = visits;
        this.enabled = config.demo().enabled();
    }

    @GET
    @Operation(summary = "The demo blog post with its share bar")
    public Uni<Response> demo(UriInfo uri, HttpServerRequest request) {
        if (!enabled) {
            throw ProblemException.notFound("no-demo", "The demo is off here (SHAREPULSE_DEMO_ENABLED).");
        }
        String widget = otherOrigin(uri.getBaseUri());
        if (widget == null) {
            widget = Pages.origin(publicUrl.base(uri));
        }
        String origin = widget;
        return fragments.render(DemoSiteSeeder.DEMO_SITE, POST_URL, POST_TITLE, BarOptions.DEFAULTS, origin,
                visits.read(request, false), io.sharepulse.share.Fetch.of(request))
                .map(fragment -> {
                    String html = Templates.demo(POST_URL, POST_TITLE, origin, DemoSiteSeeder.DEMO_SITE,
                            String.join(",", DemoSiteSeeder.BAR_2008), String.join(",", modern()), fragment,
                            assets.path("page.css")).render();
                    return Pages.html(Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("utf-8")),
                            "default-src 'none'; script-src " + origin + "; connect-src " + origin
                                    + "; style-src 'self' " + origin + "; base-uri 'none'; form-action 'none'; "
                                    + "frame-ancestors 'none'")
                            .header(HttpHeaders.CACHE_CONTROL, "no-store")
                            .build();
                });
    }

    /** The demo site's networks after the 2008 ones. */
    static List<String> modern() {
        return DemoSiteSeeder.MODERN;
    }

    /** localhost ↔ 127.0.0.1 on the same scheme and port: one machine, two origins. Null for other hosts. */
    static String otherOrigin(URI base) {
        String host = base.getHost();
        String other = "localhost".equals(host) ? "127.0.0.1" : "127.0.0.1".equals(host) ? "localhost" : null;
        if (other == null) {
            return null;
        }
        return base.getScheme() + "://" + other + (base.getPort() < 0 ? "" : ":" + base.getPort());
    }
}
