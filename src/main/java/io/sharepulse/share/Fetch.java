package io.sharepulse.share;

import java.util.Locale;
import java.util.Set;

import io.sharepulse.site.SiteView;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * How a browser says a request was made (Fetch Metadata: {@code Sec-Fetch-Dest}, {@code Sec-Fetch-Mode}), and the
 * method: enough to tell the widget's {@code fetch()}, an iframe or a page load from an {@code <img>},
 * {@code <script>} or no-cors request that any third-party page can make its readers send. Clients without Fetch
 * Metadata (servers, older browsers) send neither header.
 *
 * @param method the request's method
 * @param dest   {@code Sec-Fetch-Dest}, lower-case, or null
 * @param mode   {@code Sec-Fetch-Mode}, lower-case, or null
 * @param site   {@code Sec-Fetch-Site}, lower-case, or null
 * @param origin {@code Origin} as sent, or null
 * @param referer {@code Referer} as sent, or null
 */
public record Fetch(String method, String dest, String mode, String site, String origin, String referer) {

    /** What may register a page: the widget's fetch (empty), a page load or a frame (the no-JS fragment). */
    private static final Set<String> PAGE_DESTINATIONS = Set.of("empty", "document", "iframe", "frame");
    /** How those are fetched: cors (the widget, and fetch() of the fragment), navigate (pages and frames). */
    private static final Set<String> PAGE_MODES = Set.of("cors", "navigate", "same-origin");

    public static Fetch of(HttpServerRequest request) {
        return new Fetch(request.method().name(), lower(request.getHeader("Sec-Fetch-Dest")),
                lower(request.getHeader("Sec-Fetch-Mode")), lower(request.getHeader("Sec-Fetch-Site")),
                request.getHeader("Origin"), request.getHeader("Referer"));
    }

    /**
     * Why a browser may not register a new page of this site, or null: a request that says it comes from a browser
     * ({@code Sec-Fetch-Site}, {@code Origin} or {@code Referer}) registers a page only from a page of the site
     * itself — its {@code Origin}, or without one its {@code Referer}, is on one of the site's domains. Otherwise
     * any page anywhere could make its readers' browsers register our site's pages under a title of its choosing.
     * Servers (server-side includes, plugins) send none of the three and are not affected.
     */
    public String foreignPage(SiteView owner) {
        if (site == null && origin == null && referer == null) {
            return null;
        }
        String host = origin != null ? host(origin) : referer != null ? host(referer) : null;
        if (host != null && owner.allowsHost(host)) {
            return null;
        }
        return "A browser registers a new page only from a page on one of the site's domains (its Origin or "
                + "Referer); this request came from " + (host == null ? "no page it names" : "another site") + ".";
    }

    /** The host of an origin or URL (lower-case), or null when it has none ({@code null}, opaque origins). */
    static String host(String url) {
        try {
            String host = java.net.URI.create(url.strip()).getHost();
            if (host == null) {
                return null;
            }
            host = host.toLowerCase(Locale.ROOT);
            return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Why this request may not register a new page, or null: a HEAD request (link checkers, and nothing to show),
     * an image, script, style or other subresource, or a no-cors request. The share API and the fragment still
     * answer such requests for pages already registered.
     */
    public String refusal() {
        if (HttpMethod.HEAD.name().equals(method)) {
            return "A HEAD request does not register a new page; ask with GET.";
        }
        if ((dest != null && !PAGE_DESTINATIONS.contains(dest)) || (mode != null && !PAGE_MODES.contains(mode))) {
            return "New pages are registered by the widget's request or a page load, not by an image, script or "
                    + "no-cors request.";
        }
        return null;
    }

    private static String lower(String header) {
        return header == null ? null : header.strip().toLowerCase(Locale.ROOT);
    }
}
