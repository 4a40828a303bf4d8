package io.sharepulse.share;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.sharepulse.platform.PublicUrl;
import io.sharepulse.share.RedirectService.Destination;
import io.sharepulse.share.RedirectService.Retired;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code /s/{post}/{network}}: every share button's link. Counts the click and sends the reader on. A GET to a live
 * network is answered by {@link RedirectRoute} before it gets here; this resource answers the rest (HEAD, retired
 * networks, unknown ids) and documents the endpoint.
 */
@Path("/s/{post}/{network}")
@Tag(name = "Redirect")
public class RedirectResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance retired(String network, String closed, String title, String url,
                List<Alternative> alternatives);
    }

    /** A live network offered on the retired page. */
    public record Alternative(String name, String href) {
    }

    private final RedirectService redirects;
    private final Visits visits;
    private final PublicUrl publicUrl;

    public RedirectResource(RedirectService redirects, Visits visits, PublicUrl publicUrl) {
        this.redirects = redirects;
        this.visits = visits;
        this.publicUrl = publicUrl;
    }

    @GET
    @Operation(summary = "Count a share click and redirect (302) to the network's share page")
    public Uni<Response> click(@PathParam("post") String post, @PathParam("network") String network,
            HttpServerRequest request, UriInfo uri) {
        return redirects.click(post, network, visits.read(request, false)).map(d -> respond(d, uri));
    }

    /** Link checkers ask with HEAD: same answer, nothing counted. */
    @HEAD
    public Uni<Response> check(@PathParam("post") String post, @PathParam("network") String network,
            HttpServerRequest request, UriInfo uri) {
        return redirects.click(post, network, visits.read(request, true)).map(d -> respond(d, uri));
    }

    private Response respond(Destination destination, UriInfo uri) {
        Response.ResponseBuilder builder;
        if (!(destination instanceof Retired retired)) {
            builder = Response.status(Response.Status.FOUND)
                    .header(HttpHeaders.LOCATION, RedirectRoute.location(destination));
        } else {
            String base = publicUrl.base(uri);
            List<Alternative> alternatives = retired.alternatives().stream()
                    .map(n -> new Alternative(n.name(), ShareLinks.redirect(base, retired.post(), n))).toList();
            String html = Templates.retired(retired.network().name(), retired.network().retired(),
                    retired.post().title(), retired.post().url(), alternatives).render();
            builder = Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                    .header("Content-Security-Policy",
                            "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
        }
        RedirectRoute.HEADERS.forEach(builder::header);
        return builder.build();
    }
}
