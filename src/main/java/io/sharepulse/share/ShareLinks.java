package io.sharepulse.share;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.sharepulse.network.Network;
import io.sharepulse.network.NetworkCatalog;
import io.sharepulse.network.NetworkIcons;
import io.sharepulse.network.ShareTemplate;
import io.sharepulse.post.PostRecord;
import io.sharepulse.post.PostTarget;
import io.sharepulse.site.SiteView;

/** Builds a post's buttons: our redirect link, the direct share URL and the visible count per network. */
@ApplicationScoped
public class ShareLinks {

    /** The first of a site's tags with its #, for networks that take a single one (Facebook); null if none. */
    static String hashtag(String tags) {
        if (tags == null || tags.isBlank()) {
            return null;
        }
        int comma = tags.indexOf(',');
        return "#" + (comma < 0 ? tags : tags.substring(0, comma)).trim();
    }

    private final NetworkCatalog catalog;
    private final NetworkIcons icons;

    public ShareLinks(NetworkCatalog catalog, NetworkIcons icons) {
        this.catalog = catalog;
        this.icons = icons;
    }

    public ShareDocument document(SiteView site, PostRecord post, String baseUrl) {
        List<ShareLink> links = new ArrayList<>(site.networks().size());
        for (String id : site.networks()) {
            catalog.find(id).ifPresent(n -> links.add(link(site, post, n, baseUrl)));
        }
        return new ShareDocument(post.id().value(), post.url(), post.title(), site.visibleCount(post.total()),
                site.theme(), links);
    }

    /** The lean document: the post and its visible counts, beside its site's bar. */
    public ShareCounts counts(SiteView site, PostRecord post, ShareBars.Bar bar) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String id : site.networks()) {
            long count = post.count(id);
            if (count > 0 && site.visibleCount(count) != null) {
                counts.put(id, count);
            }
        }
        return new ShareCounts(post.id().value(), post.url(), post.title(), site.visibleCount(post.total()), counts,
                bar.path());
    }

    /** A button as the site's bar holds it: what it looks like, without a post's links or count. */
    public ShareLink button(Network network) {
        NetworkIcons.Icon icon = icons.of(network);
        if (network.isAction()) {
            return new ShareLink(network.id(), network.name(), network.kind(), network.status(), null, null, null, null,
                    network.name(), icon.path(), icon.color(), icon.colorDark());
        }
        return new ShareLink(network.id(), network.name(), network.kind(), network.status(), network.successor(), null,
                null, null, label(network, catalog.destination(network)), icon.path(), icon.color(), icon.colorDark());
    }

    public ShareLink link(SiteView site, PostRecord post, Network network, String baseUrl) {
        Long count = site.visibleCount(post.count(network.id()));
        NetworkIcons.Icon icon = icons.of(network);
        if (network.isAction()) {
            return new ShareLink(network.id(), network.name(), network.kind(), network.status(), null, null, null, count,
                    network.name(), icon.path(), icon.color(), icon.colorDark());
        }
        Optional<Network> destination = catalog.destination(network);
        String share = destination.flatMap(d -> catalog.shareUrl(d, values(site, post))).orElse(null);
        return new ShareLink(network.id(), network.name(), network.kind(), network.status(), network.successor(),
                redirect(baseUrl, post, network), share, count, label(network, destination), icon.path(),
                icon.color(), icon.colorDark());
    }

    /**
     * A button's accessible name. It contains the visible name (WCAG 2.5.3) and says where a click really goes:
     * "Share on Reddit", "Share on Pinboard (del.icio.us has closed)", "Technorati has closed".
     */
    static String label(Network network, Optional<Network> destination) {
        if (network.isActive()) {
            return "Share on " + network.name();
        }
        return destination.map(d -> "Share on " + d.name() + " (" + network.name() + " has closed)")
                .orElse(network.name() + " has closed");
    }

    /** Our counted link for a post and network. */
    public static String redirect(String baseUrl, PostRecord post, Network network) {
        return baseUrl + "/s/" + ShareTemplate.encode(post.id().value()) + "/" + network.id();
    }

    /** Template values for a post on a site (see {@link ShareTemplate#PLACEHOLDERS}). */
    public static Map<String, String> values(SiteView site, PostRecord post) {
        return values(site, post.target());
    }

    /** The same from where the post points: all the redirect has of it. */
    public static Map<String, String> values(SiteView site, PostTarget post) {
        Map<String, String> values = new HashMap<>(8);
        values.put("url", post.url());
        values.put("title", post.title());
        values.put("text", post.title());
        values.put("via", site.via());
        values.put("tags", site.hashtags());
        values.put("hashtag", hashtag(site.hashtags()));
        values.put("media", post.media());
        return values;
    }
}
