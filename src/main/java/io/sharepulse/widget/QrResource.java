package io.sharepulse.widget;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateInstance;
import io.sharepulse.network.ShareTemplate;
import io.sharepulse.post.LivePosts;
import io.sharepulse.post.PostRecord;
import io.smallrye.mutiny.Uni;

/**
 * {@code /qr?post=…}: where a (counted) click on the QR code button lands: the post's address as a QR code, to show
 * on another screen or print. {@code /qr/svg?post=…} is the same code as a file. Nothing is counted here: the
 * redirect already did.
 */
@Path("/qr")
@Tag(name = "Widget")
public class QrResource {

    @CheckedTemplate(basePath = "widget")
    static class Templates {
        static native TemplateInstance qr(String title, String url, RawString svg, String download,
                String stylesheet);
    }

    private final LivePosts pages;
    private final QrCodes codes;
    private final Assets assets;

    public QrResource(LivePosts pages, QrCodes codes, Assets assets) {
        this.pages = pages;
        this.codes = codes;
        this.assets = assets;
    }

    @GET
    @Operation(summary = "A post's address as a QR code, on a print-friendly page")
    public Uni<Response> page(@QueryParam("post") String rawPost) {
        return post(rawPost).map(post -> {
            String html = Templates.qr(post.title(), post.url(), new RawString(codes.svg(post.url())),
                    "/qr/svg?post=" + ShareTemplate.encode(post.id().value()),
                    assets.path("page.css")).render();
            return Pages.postPage(Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("utf-8")),
                    "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
                    .build();
        });
    }

    @GET
    @Path("svg")
    @Operation(summary = "A post's address as a QR code, as an SVG file")
    public Uni<Response> svg(@QueryParam("post") String rawPost) {
        return post(rawPost).map(post -> Pages.postPage(Response.ok(codes.svg(post.url()), "image/svg+xml"),
                "default-src 'none'; frame-ancestors 'none'")
                .header("Content-Disposition", "attachment; filename=\"qr-code.svg\"")
                .build());
    }

    private Uni<PostRecord> post(String rawPost) {
        return pages.find(rawPost).map(LivePosts.Found::post);
    }
}
