package io.sharepulse.share;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.sharepulse.network.NetworkCatalog;
import io.sharepulse.platform.CacheWeights;
import io.sharepulse.platform.Hashing;
import io.sharepulse.site.SiteView;

/**
 * What a site's bar looks like, apart from any post: its buttons' names, kinds, labels, icons and colours, and the
 * site's theme. It changes only when the site's settings or the catalog do, so it travels once under a versioned
 * URL that browsers keep for a year, and a page view asks only for the post's counts ({@link ShareCounts}).
 */
@ApplicationScoped
public class ShareBars {

    /** One site's bar, serialised once. */
    public record Bar(String site, String version, byte[] json) {

        /** Its immutable path, relative to the service's base URL. */
        public String path() {
            return "/api/v1/sites/" + site + "/bar/" + version;
        }
    }

    /** The bar's document: the share document without its post (no links, no counts). */
    public record BarDocument(String theme, List<ShareLink> links) {
    }

    private final NetworkCatalog catalog;
    private final ShareLinks links;
    private final ObjectMapper json;
    /**
     * Keyed by the site's snapshot, by identity (weak keys): the directory hands out one per site until the site
     * changes, so an edited site is a new key and its old bar goes with the old snapshot, and no request hashes
     * the whole settings record.
     */
    private final Cache<SiteView, Bar> bars;

    public ShareBars(NetworkCatalog catalog, ShareLinks links, ObjectMapper json, MeterRegistry registry) {
        this.catalog = catalog;
        this.links = links;
        this.json = json;
        this.bars = Caffeine.newBuilder().weakKeys().maximumWeight(8L * 1024 * 1024)
                .<SiteView, Bar>weigher((site, bar) -> CacheWeights.entry(site.id()) + bar.json().length * 2).build();
        CacheWeights.meter(registry, "share-bars", bars);
    }

    public Bar of(SiteView site) {
        return bars.get(site, this::build);
    }

    private Bar build(SiteView site) {
        List<ShareLink> buttons = new ArrayList<>(site.networks().size());
        for (String id : site.networks()) {
            catalog.find(id).ifPresent(n -> buttons.add(links.button(n)));
        }
        byte[] body;
        try {
            body = json.writeValueAsBytes(new BarDocument(site.theme(), buttons));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new Bar(site.id(), Hashing.base64url(Hashing.sha256(body), 9), body);
    }
}
