package io.sharepulse.widget;

import java.net.URI;

import jakarta.ws.rs.core.Response;

/** Headers every HTML page of ours carries: a strict CSP and nothing for the page to leak. */
final class Pages {

    private Pages() {
    }

    static Response.ResponseBuilder html(Response.ResponseBuilder builder, String csp) {
        return builder.header("Content-Security-Policy", csp)
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff");
    }

    /**
     * A page about one post that a counted click led to (the fediverse picker, the QR code): {@link #html}, never
     * cached (the post's site may go) and never indexed.
     */
    static Response.ResponseBuilder postPage(Response.ResponseBuilder builder, String csp) {
        return html(builder, csp).header("Cache-Control", "no-store").header("X-Robots-Tag", "noindex, nofollow");
    }

    /** {@code https://host[:port]} of a URL: what a CSP source list names. */
    static String origin(String url) {
        URI u = URI.create(url);
        return u.getScheme() + "://" + u.getRawAuthority();
    }
}
