package io.sharepulse.site;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A site as the API shows it, and the immutable snapshot hot paths read from {@link SiteDirectory}.
 *
 * @param networks    network ids in the order the bar shows them
 * @param queryParams query parameters that make another page of the site; every other one is dropped from page
 *                    URLs ({@code ["*"]}: all are kept but tracking ones)
 * @param mediaDomains hosts besides the site's own whose images a post may name (with their subdomains)
 * @param tagLinks    the links handed to networks carry the attribution tag {@code ?sp=<network>}, so readers who
 *                    come back through them are counted as arrivals; false: untagged links, no arrivals
 */
public record SiteView(String id, String name, List<String> domains, boolean includeSubdomains, List<String> networks,
        String theme, int dedupeMinutes, boolean honourDnt, int minCount, String via, String hashtags,
        List<String> queryParams, List<String> mediaDomains, boolean tagLinks, Instant createdAt, Instant updatedAt) {

    /** In {@link #queryParams}: every parameter is kept but tracking ones (sites made before the setting). */
    public static final String ALL_PARAMS = "*";

    static SiteView of(Site site) {
        return new SiteView(site.id, site.name, List.copyOf(site.domains), site.includeSubdomains,
                List.copyOf(site.networks), site.theme, site.dedupeSeconds / 60, site.honourDnt, site.minCount,
                site.via, site.hashtags, List.copyOf(site.queryParams),
                site.mediaDomains == null ? List.of() : List.copyOf(site.mediaDomains), site.tagLinks, site.createdAt,
                site.updatedAt);
    }

    /** Whether a URL host (lower-case, ASCII) belongs to this site. */
    public boolean allowsHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        for (String domain : domains) {
            if (h.equals(domain) || (includeSubdomains && h.endsWith("." + domain))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether an image URL's host may be named by a post of this site: one of its domains, or one of its media
     * domains or their subdomains. Networks show a post's image beside its title: anybody's image would let the
     * first to register a page choose what Pinterest or X show for it.
     */
    public boolean allowsMediaHost(String host) {
        if (allowsHost(host)) {
            return true;
        }
        String h = host.toLowerCase(Locale.ROOT);
        for (String domain : mediaDomains) {
            if (h.equals(domain) || h.endsWith("." + domain)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a network is one of the bar's: clicks on others are sent on but not counted. */
    public boolean offers(String network) {
        return networks.contains(network);
    }

    @JsonIgnore
    public int dedupeSeconds() {
        return dedupeMinutes * 60;
    }

    /** A count as the public may see it: null below the site's minimum, so a bar never advertises "0 shares". */
    public Long visibleCount(long count) {
        return count < minCount ? null : count;
    }
}
