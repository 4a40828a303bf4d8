package io.sharepulse.post;

import java.time.Instant;
import java.util.Iterator;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import io.sharepulse.platform.ProblemException;
import io.sharepulse.site.SiteDirectory;
import io.smallrye.mutiny.Uni;

/**
 * {@code PATCH /admin/v1/sites/{site}/posts/{post}}: a site admin corrects what shares of a post say (title, image)
 * and locks it, so that whoever registered the page first does not decide that for good. {@code GET} of the same
 * address (the analytics) shows url, title, media and locked. Who may call it (an {@code admin} key of the site, or
 * the operator) is decided by the security package's admin filter.
 */
@Path("/admin/v1/sites/{site}/posts/{post}")
@Tag(name = "Posts (admin)")
@SecurityRequirement(name = "bearer")
public class PostAdminResource {

    private static final Set<String> FIELDS = Set.of("title", "media", "locked");

    /** A post as its admin sees it. */
    public record PostView(String post, String url, String title, String media, boolean locked, Instant editedAt) {
        static PostView of(Post p) {
            return new PostView(p.id, p.url, p.title, p.media, p.locked, p.editedAt);
        }
    }

    private final SiteDirectory sites;
    private final PostRegistry posts;

    public PostAdminResource(SiteDirectory sites, PostRegistry posts) {
        this.sites = sites;
        this.posts = posts;
    }

    @PATCH
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a post's title or image and lock them against registrations")
    @RequestBody(description = "{\"title\":\"…\",\"media\":\"https://…\" (\"\" removes it),\"locked\":true}; "
            + "fields left out keep their value")
    public Uni<Response> edit(@PathParam("site") String site, @PathParam("post") String post, JsonNode body) {
        PostId id = PostId.parse(post).orElseThrow(PostRegistry::unknownPostOfSite);
        if (body == null || !body.isObject() || body.isEmpty()) {
            throw invalid("Send a JSON object with title, media or locked.");
        }
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw invalid("Unknown field '" + (name.length() > 40 ? name.substring(0, 40) : name)
                        + "'; a post has title, media and locked.");
            }
        }
        String title = text(body, "title");
        String media = text(body, "media");
        JsonNode lock = body.get("locked");
        if (lock != null && !lock.isBoolean()) {
            throw invalid("Field 'locked' must be true or false.");
        }
        Boolean locked = lock == null ? null : lock.asBoolean();
        return sites.find(site).chain(found -> posts.edit(
                found.orElseThrow(PostRegistry::unknownPostOfSite), id, title, media, locked))
                .map(p -> Response.ok(PostView.of(p), MediaType.APPLICATION_JSON_TYPE)
                        .header(HttpHeaders.CACHE_CONTROL, "private, no-store").build());
    }

    /** A text field, null when absent; {@code null} as a value means "remove" for media. */
    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null) {
            return null;
        }
        if (node.isNull()) {
            if (field.equals("media")) {
                return "";
            }
            throw invalid("Field '" + field + "' must be a string.");
        }
        if (!node.isTextual()) {
            throw invalid("Field '" + field + "' must be a string.");
        }
        return node.asText();
    }

    private static ProblemException invalid(String detail) {
        return ProblemException.badRequest("invalid-post-edit", detail);
    }
}
