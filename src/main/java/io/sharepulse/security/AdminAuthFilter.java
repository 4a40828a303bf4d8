package io.sharepulse.security;

import java.security.MessageDigest;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.sharepulse.platform.Hashing;
import io.sharepulse.platform.ProblemException;
import io.sharepulse.platform.SharepulseConfig;

/**
 * Guards every {@code /admin/v1} path with the operator's bearer token. It runs before routing, so an unknown
 * admin path answers 401 like a known one and reveals nothing without the token.
 */
public class AdminAuthFilter {

    static final String ADMIN_PREFIX = "/admin/v1";

    private final Optional<byte[]> tokenDigest;

    public AdminAuthFilter(SharepulseConfig config) {
        this.tokenDigest = config.admin().token().filter(t -> !t.isBlank()).map(Hashing::sha256);
    }

    @ServerRequestFilter(preMatching = true)
    public void authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.equals(ADMIN_PREFIX) && !path.startsWith(ADMIN_PREFIX + "/")) {
            return;
        }
        String presented = bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (presented == null) {
            throw unauthorized("Send the admin token as 'Authorization: Bearer <token>'.");
        }
        // Compare digests in constant time: no timing hint about how much of a guess was right.
        if (tokenDigest.isEmpty() || !MessageDigest.isEqual(tokenDigest.get(), Hashing.sha256(presented))) {
            throw unauthorized("The token is not valid.");
        }
    }

    private static String bearer(String header) {
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    private static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "unauthorized", "Unauthorized", detail);
    }
}
