package io.sharepulse.security;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.sharepulse.platform.ProblemException;

/**
 * Who may do what under {@code /admin/v1}, decided from the path before routing, in one place. The operator may
 * do everything. A site key sees only its own site: any path of another site answers 404 whether or not that
 * site exists (nothing leaks), and within its site:
 * <ul>
 * <li>{@code read}: the analytics ({@code stats}, {@code networks}, {@code posts}, {@code attribution}, {@code posts/{id}},
 * {@code export.csv});</li>
 * <li>{@code admin}: also {@code GET}/{@code PUT} of the site itself and its {@code keys}, and {@code PATCH} of a
 * post ({@code posts/{id}}: its title, image and lock).</li>
 * </ul>
 * Only the operator lists or creates sites, deletes a site (ids are never reused, so a leaked key must not be able
 * to end a site for good) and runs the rollup. Paths not named here are the operator's: new features opt keys in.
 */
public final class AdminAccess {

    static final String ADMIN_PREFIX = "/admin/v1";
    private static final Set<String> ANALYTICS = Set.of("stats", "networks", "posts", "attribution", "export.csv");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

    private AdminAccess() {
    }

    static boolean isAdminPath(String path) {
        return path.equals(ADMIN_PREFIX) || path.startsWith(ADMIN_PREFIX + "/");
    }

    /** Whether a raw (undecoded) path holds {@code %2F} or {@code %5C}, in either case. */
    static boolean hasEncodedSeparator(String rawPath) {
        if (rawPath == null) {
            return false;
        }
        for (int i = rawPath.indexOf('%'); i >= 0 && i + 2 < rawPath.length(); i = rawPath.indexOf('%', i + 1)) {
            char a = rawPath.charAt(i + 1);
            char b = Character.toUpperCase(rawPath.charAt(i + 2));
            if ((a == '2' && b == 'F') || (a == '5' && b == 'C')) {
                return true;
            }
        }
        return false;
    }

    /**
     * @throws ProblemException 404 for anything outside the key's site, 403 for a role that does not cover it
     */
    static void check(Caller caller, String method, String path) {
        if (caller.isOperator()) {
            return;
        }
        String rest = path.length() > ADMIN_PREFIX.length() ? path.substring(ADMIN_PREFIX.length() + 1) : "";
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        List<String> segments = List.of(rest.split("/", -1));
        if (segments.equals(List.of("me"))) {
            return;
        }
        if (segments.get(0).equals("sites") && segments.size() >= 2) {
            // Odd segments ('..', empty, encoded separators) could make routing see another site than we do.
            if (!segments.stream().allMatch(s -> SEGMENT.matcher(s).matches())
                    || !segments.get(1).equals(caller.site())) {
                throw notFound();
            }
            require(caller, needed(method, segments));
            return;
        }
        throw forbidden("Only the operator token may do this.");
    }

    /** The role a path of the key's own site needs; null for operator-only. */
    private static Role needed(String method, List<String> segments) {
        if (segments.size() == 2) {
            return method.equals("DELETE") ? null : Role.ADMIN;
        }
        String what = segments.get(2);
        if (what.equals("keys")) {
            return Role.ADMIN;
        }
        if (ANALYTICS.contains(what) && (segments.size() == 3 || (what.equals("posts") && segments.size() == 4))) {
            // Reading is analytics; changing a post (its title and image) is the site admin's.
            return method.equals("GET") || method.equals("HEAD") ? Role.READ : Role.ADMIN;
        }
        return null;
    }

    private static void require(Caller caller, Role needed) {
        if (needed == null) {
            throw forbidden("Only the operator token may do this.");
        }
        if (!caller.role().covers(needed)) {
            throw forbidden("This key has the role '" + caller.role().id() + "'; this needs '" + needed.id() + "'.");
        }
    }

    private static ProblemException notFound() {
        return ProblemException.notFound(null, "There is nothing at this address.");
    }

    private static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail);
    }
}
