package io.sharepulse.share;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.HttpHeaders;

import io.sharepulse.platform.ClientIpResolver;
import io.vertx.core.http.HttpServerRequest;

/** Makes the {@link Visit} of a request (what counting needs, nothing more) for the redirect, events and share APIs. */
@Singleton
public class Visits {

    private final ClientIpResolver clientIp;

    public Visits(ClientIpResolver clientIp) {
        this.clientIp = clientIp;
    }

    public Visit read(HttpServerRequest request, boolean headOnly) {
        String ip = clientIp.resolve(request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress(),
                request.headers().getAll("X-Forwarded-For"));
        boolean dnt = "1".equals(request.getHeader("DNT")) || "1".equals(request.getHeader("Sec-GPC"));
        boolean prefetch = BotDetector.isPrefetch(request.getHeader("Sec-Purpose"), request.getHeader("Purpose"),
                request.getHeader("X-Purpose"), request.getHeader("X-Moz"));
        String dest = request.getHeader("Sec-Fetch-Dest");
        String mode = request.getHeader("Sec-Fetch-Mode");
        boolean navigation = (dest == null || "document".equalsIgnoreCase(dest.strip()))
                && (mode == null || "navigate".equalsIgnoreCase(mode.strip()));
        return new Visit(ip, request.getHeader(HttpHeaders.USER_AGENT), dnt, prefetch, headOnly, navigation,
                request.getHeader("Origin"));
    }
}
