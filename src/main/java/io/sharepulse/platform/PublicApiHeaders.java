package io.sharepulse.platform;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Headers every answer of the public API carries. {@code /api/v1} is read by widgets on any blog, so CORS is
 * open to every origin; no cookie or credential is ever involved, so {@code *} is safe. The admin API stays
 * same-origin (the Quarkus CORS filter would apply one policy to every path, so we scope it here).
 */
public class PublicApiHeaders {

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/api/")) {
            response.getHeaders().putSingle("Access-Control-Allow-Origin", "*");
            response.getHeaders().putSingle("Timing-Allow-Origin", "*");
        }
    }
}
