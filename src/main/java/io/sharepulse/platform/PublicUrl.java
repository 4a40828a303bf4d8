package io.sharepulse.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriInfo;

/** The base of the links we hand out: the configured public URL, else the request's own scheme and host. */
@ApplicationScoped
public class PublicUrl {

    private final String configured;

    public PublicUrl(SharepulseConfig config) {
        this.configured = config.publicUrl().map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u)
                .orElse(null);
    }

    public String base(UriInfo uri) {
        if (configured != null) {
            return configured;
        }
        String base = uri.getBaseUri().toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
