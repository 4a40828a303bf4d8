package io.sharepulse.platform;

import java.util.List;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The floor every answer stands on: no MIME sniffing anywhere, and every HTML page gets a strict CSP and no
 * referrer unless the page set its own (the widget's pages and the dashboard do, to allow exactly what they load;
 * the embed fragment leaves out frame-ancestors on purpose so blogs can iframe it).
 */
public class SecurityHeaders {

    static final String DEFAULT_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        var headers = response.getHeaders();
        headers.putSingle("X-Content-Type-Options", "nosniff");
        MediaType type = response.getMediaType();
        if (type != null && type.isCompatible(MediaType.TEXT_HTML_TYPE)) {
            headers.putIfAbsent("Content-Security-Policy", List.of(DEFAULT_CSP));
            headers.putIfAbsent("Referrer-Policy", List.of("no-referrer"));
        }
    }
}
