package io.sharepulse.widget;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.sharepulse.network.Network;
import io.sharepulse.network.NetworkCatalog;
import io.sharepulse.platform.ProblemException;
import io.sharepulse.post.LivePosts;
import io.sharepulse.post.PostRecord;
import io.sharepulse.post.UrlCanonicalizer;
import io.sharepulse.share.ShareLinks;
import io.sharepulse.site.SiteView;
import io.smallrye.mutiny.Uni;

/**
 * {@code /fediverse?post=…&network=…}: where a (counted) click on a fediverse button (Mastodon, Misskey, Lemmy, the
 * generic Fediverse) lands. The reader names their server and its software once (kept in their browser's
 * localStorage, never sent to us) and the page opens that server's share form, from the catalog's instance
 * templates; any other software goes to Share₂Fedi, which knows more of them. The network's own direct link stays
 * as the fallback. Nothing is counted here: the redirect already did.
 */
@Path("/fediverse")
@Tag(name = "Widget")
public class FediverseResource {

    /** A host that cannot exist (RFC 2606), expanded in the instance templates and cut off again. */
    static final String PLACEHOLDER_HOST = "instance.invalid";

    /** The network a click came from when the page is opened without one: the generic button. */
    static final String GENERIC = "fediverse";

    /** One software the reader may choose: its catalog id, name and share path on any server of it. */
    public record Software(String id, String name, String path) {
    }

    @CheckedTemplate(basePath = "widget")
    static class Templates {
        static native TemplateInstance fediverse(String title, String url, String network, List<Software> software,
                String other, String fallback, String fallbackHost, String script, String stylesheet);
    }

    private final NetworkCatalog catalog;
    private final LivePosts pages;
    private final Assets assets;

    public FediverseResource(NetworkCatalog catalog, LivePosts pages, Assets assets) {
        this.catalog = catalog;
        this.pages = pages;
        this.assets = assets;
    }

    @GET
    @Operation(summary = "The fediverse server picker for a post (network: mastodon, misskey, lemmy or fediverse)")
    public Uni<Response> picker(@QueryParam("post") String rawPost, @QueryParam("network") String rawNetwork) {
        Network network = catalog.find(rawNetwork == null ? GENERIC : rawNetwork)
                .filter(n -> n.isActive() && n.page() == Network.Page.FEDIVERSE)
                .orElseThrow(() -> ProblemException.notFound("unknown-network", "No fediverse network has this id."));
        return pages.find(rawPost).map(found -> page(network, found.site(), found.post()));
    }

    private Response page(Network network, SiteView site, PostRecord post) {
        Map<String, String> values = ShareLinks.values(site, post);
        if (site.tagLinks()) {
            // The attribution tag, as the redirect adds it for the other networks: the button's network.
            values.put("url", UrlCanonicalizer.tagged(post.url(), network.id()));
        }
        String prefix = "https://" + PLACEHOLDER_HOST;
        List<Software> software = catalog.all().stream()
                .filter(n -> n.isActive() && n.page() == Network.Page.FEDIVERSE && n.instanceTemplate() != null)
                .map(n -> new Software(n.id(), n.name(),
                        catalog.instanceShareUrl(n, PLACEHOLDER_HOST, values).orElseThrow().substring(prefix.length())))
                .toList();
        String other = catalog.shareUrl(catalog.find(GENERIC).orElseThrow(), values).orElseThrow();
        String fallback = catalog.shareUrl(network, values).orElseThrow();
        String selected = network.instanceTemplate() == null ? "" : network.id();
        String html = Templates.fediverse(post.title(), post.url(), selected, software, other, fallback,
                Pages.origin(fallback).substring("https://".length()), assets.path("fediverse.js"),
                assets.path("page.css")).render();
        return Pages.postPage(Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("utf-8")),
                "default-src 'none'; script-src 'self'; style-src 'self'; base-uri 'none'; form-action 'none'; "
                        + "frame-ancestors 'none'").build();
    }
}
