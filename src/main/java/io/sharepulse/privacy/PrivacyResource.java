package io.sharepulse.privacy;

import java.time.Duration;
import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.sharepulse.platform.SharepulseConfig;
import io.sharepulse.post.UrlCanonicalizer;
import io.sharepulse.share.DailySalt;
import io.sharepulse.site.SiteDirectory;
import io.sharepulse.site.SiteView;
import io.smallrye.mutiny.Uni;

/**
 * {@code /privacy}: what this deployment stores and for how long, in plain language, written from the live
 * configuration (and a site's own settings with {@code ?site=}), so the statement can never drift from the
 * behaviour.
 */
@Path("/privacy")
@Tag(name = "Privacy")
public class PrivacyResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance privacy(Facts facts);
    }

    /**
     * Everything the page states, already in words.
     *
     * @param tagsLinks the share links carry the attribution tag {@link #tag} (a site's setting; true for the
     *                  deployment's default)
     */
    public record Facts(String site, String dedupe, boolean honoursDnt, String dayRetention, String hourRetention,
            String saltLifetime, String clickCapWindow, boolean tagsLinks, String tag) {
    }

    private final SharepulseConfig config;
    private final SiteDirectory sites;

    public PrivacyResource(SharepulseConfig config, SiteDirectory sites) {
        this.config = config;
        this.sites = sites;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "What this deployment stores about readers, and for how long")
    public Uni<Response> privacy(@QueryParam("site") String siteId) {
        Uni<Optional<SiteView>> site = siteId == null ? Uni.createFrom().item(Optional.empty()) : sites.find(siteId);
        return site.map(found -> {
            Duration dedupe = found.map(s -> Duration.ofSeconds(s.dedupeSeconds()))
                    .orElse(config.counting().defaultDedupeWindow());
            Facts facts = new Facts(found.map(SiteView::name).orElse(null), words(dedupe),
                    found.map(SiteView::honourDnt).orElse(true), words(config.counting().retention()),
                    words(config.counting().hourRetention()),
                    words(DailySalt.lifetime(config)), words(config.limits().clickCapWindow()),
                    found.map(SiteView::tagLinks).orElse(true), UrlCanonicalizer.TAG);
            return Response.ok(Templates.privacy(facts).render(), MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                    .header(HttpHeaders.CACHE_CONTROL, "public, max-age=300")
                    .build(); // the default page headers (platform.SecurityHeaders) are exactly what it needs
        });
    }

    /** 30 minutes, 48 hours, 400 days: the largest unit that divides it (days from three days up). */
    static String words(Duration d) {
        long seconds = d.toSeconds();
        if (seconds == 0) {
            return "no time at all";
        }
        if (seconds % 86400 == 0 && seconds >= 3 * 86400) {
            return plural(seconds / 86400, "day");
        }
        if (seconds % 3600 == 0) {
            return plural(seconds / 3600, "hour");
        }
        if (seconds % 60 == 0) {
            return plural(seconds / 60, "minute");
        }
        return plural(seconds, "second");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
