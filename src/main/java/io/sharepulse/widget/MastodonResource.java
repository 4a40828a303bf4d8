package io.sharepulse.widget;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.sharepulse.network.Network;
import io.sharepulse.network.NetworkCatalog;
import io.sharepulse.platform.ProblemException;
import io.sharepulse.post.PostId;
import io.sharepulse.post.PostRecord;
import io.sharepulse.post.PostRegistry;
import io.sharepulse.share.ShareLinks;
import io.sharepulse.site.SiteDirectory;
import io.sharepulse.site.SiteView;
import io.smallrye.mutiny.Uni;

/**
 * {@code /mastodon?post=…}: where a (counted) click on the Mastodon button lands. The reader names their instance
 * once (kept in their browser's localStorage, never sent to us) and the page opens
 * {@code https://{instance}/share?text=…}. The official {@code share.joinmastodon.org} page stays as the fallback
 * link. Nothing is counted here: the redirect already did.
 */
@Path("/mastodon")
@Tag(name = "Widget")
public class MastodonResource {

    /** A host that cannot exist (RFC 2606), expanded in the instance template and cut off again. */
    static final String PLACEHOLDER_HOST = "instance.invalid";

    @CheckedTemplate(basePath = "widget")
    static class Templates {
        static native TemplateInstance mastodon(String title, String url, String path, String official,
                String script, String stylesheet);
    }

    private final NetworkCatalog catalog;
    private final SiteDirectory sites;
    private final PostRegistry posts;
    private final Assets assets;

    public MastodonResource(NetworkCatalog catalog, SiteDirectory sites, PostRegistry posts, Assets assets) {
        this.catalog = catalog;
        this.sites = sites;
        this.posts = posts;
        this.assets = assets;
    }

    @GET
    @Operation(summary = "The Mastodon instance picker for a post")
    public Uni<Response> picker(@QueryParam("post") String rawPost) {
        PostId id = PostId.parse(rawPost).orElseThrow(MastodonResource::unknownPost);
        Network mastodon = catalog.find("mastodon").orElseThrow();
        return sites.find(id.site()).chain(site -> {
            if (site.isEmpty()) {
                throw unknownPost();
            }
            return posts.findOrRestore(id).map(found -> page(mastodon, site.get(), found.orElseThrow(MastodonResource::unknownPost)));
        });
    }

    private Response page(Network mastodon, SiteView site, PostRecord post) {
        Map<String, String> values = ShareLinks.values(site, post);
        String onInstance = catalog.instanceShareUrl(mastodon, PLACEHOLDER_HOST, values).orElseThrow();
        String path = onInstance.substring(("https://" + PLACEHOLDER_HOST).length());
        String official = catalog.shareUrl(mastodon, values).orElseThrow();
        String html = Templates.mastodon(post.title(), post.url(), path, official, assets.path("mastodon.js"),
                assets.path("page.css")).render();
        return Pages.html(Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("utf-8")),
                "default-src 'none'; script-src 'self'; style-src 'self'; base-uri 'none'; form-action 'none'; "
                        + "frame-ancestors 'none'")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("X-Robots-Tag", "noindex, nofollow")
                .build();
    }

    private static ProblemException unknownPost() {
        return ProblemException.notFound("unknown-post", "No post has this id.");
    }
}
