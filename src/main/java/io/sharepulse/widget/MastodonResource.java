package io.sharepulse.widget;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.sharepulse.network.Network;
import io.sharepulse.network.NetworkCatalog;
import io.sharepulse.post.LivePosts;
import io.sharepulse.post.PostId;

/**
 * {@code /mastodon?post=…}, the Mastodon picker's old address (redirects issued before the fediverse picker, a
 * reader's history): a permanent redirect to {@code /fediverse} with Mastodon preselected.
 */
@Path("/mastodon")
@Tag(name = "Widget")
public class MastodonResource {

    private final Network mastodon;

    public MastodonResource(NetworkCatalog catalog) {
        this.mastodon = catalog.find("mastodon").orElseThrow();
    }

    @GET
    @Operation(summary = "The old address of the Mastodon picker: 301 to /fediverse")
    public Response picker(@QueryParam("post") String rawPost) {
        PostId id = PostId.parse(rawPost).orElseThrow(LivePosts::unknownPost);
        // A path, as the redirect gives: the reader stays on the host they asked.
        return Response.status(Response.Status.MOVED_PERMANENTLY)
                .header(HttpHeaders.LOCATION, mastodon.page().href(mastodon, id.value()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }
}
