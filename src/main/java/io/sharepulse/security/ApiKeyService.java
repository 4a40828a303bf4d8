package io.sharepulse.security;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.sharepulse.platform.Hashing;
import io.sharepulse.platform.Problem.FieldError;
import io.sharepulse.platform.ProblemException;
import io.sharepulse.platform.SharepulseConfig;
import io.sharepulse.site.SiteService;

/**
 * Site API keys: {@code spk_<id>_<secret>}. The id is public (it names the key in lists and logs); the secret is
 * 256 random bits, shown once, stored as SHA-256 and compared in constant time. Blocking: call from a worker.
 */
@ApplicationScoped
public class ApiKeyService {

    static final String PREFIX = "spk_";
    private static final Pattern FORMAT = Pattern.compile("spk_([0-9A-Za-z]{13})_([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** last_used_at is a hint for admins, not an audit log: write it at most this often per key. */
    private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);
    public static final int MAX_KEYS_PER_SITE = 100;

    private final SiteService sites;
    private final Clock clock;
    private final int maxRateLimit;

    public ApiKeyService(SiteService sites, Clock clock, SharepulseConfig config) {
        this.sites = sites;
        this.clock = clock;
        this.maxRateLimit = config.keys().rateLimit();
    }

    /** @param creator the caller: a key created by a key records it, so revoking that key can revoke this one */
    @Transactional
    public ApiKeyView create(String site, KeyRequest request, Caller creator) {
        sites.get(site); // 404 for an unknown or deleted site
        int rateLimit = request.rateLimit() == null ? maxRateLimit : request.rateLimit();
        if (rateLimit > maxRateLimit) {
            throw new ProblemException(400, "invalid-input", "Invalid request", "Some fields are not valid; see errors.",
                    List.of(new FieldError("rateLimit", "must be at most " + maxRateLimit + " requests per minute")),
                    null);
        }
        if (ApiKey.count("siteId = ?1 and revokedAt is null", site) >= MAX_KEYS_PER_SITE) {
            throw new ProblemException(409, "too-many-keys", "Conflict",
                    "This site has " + MAX_KEYS_PER_SITE + " live keys; revoke one first.");
        }
        byte[] idBytes = new byte[9];
        byte[] secretBytes = new byte[32];
        RANDOM.nextBytes(idBytes);
        RANDOM.nextBytes(secretBytes);
        String secret = Hashing.base64url(secretBytes, 32);
        ApiKey key = new ApiKey();
        key.id = Hashing.base62(idBytes, 72);
        key.siteId = site;
        key.name = request.name().strip();
        key.role = request.role();
        key.secretHash = Hashing.sha256(secret);
        key.rateLimit = rateLimit;
        key.createdAt = clock.instant();
        key.createdBy = creator.keyId();
        key.persist();
        return ApiKeyView.of(key, PREFIX + key.id + "_" + secret);
    }

    @Transactional
    public List<ApiKeyView> list(String site) {
        sites.get(site);
        return ApiKey.<ApiKey>list("siteId = ?1 order by createdAt, id", site).stream()
                .map(k -> ApiKeyView.of(k, null)).toList();
    }

    /**
     * Revokes a key at once (idempotent); the row stays so lists show who had access until when. With
     * {@code descendants}, also every key it created, and the keys those created, and so on: what a leaked admin
     * key may have minted. Returns how many keys this call revoked.
     */
    @Transactional
    public int revoke(String site, String id, boolean descendants) {
        sites.get(site);
        ApiKey key = ApiKey.<ApiKey>findByIdOptional(id == null ? "" : id)
                .filter(k -> k.siteId.equals(site))
                .orElseThrow(() -> ProblemException.notFound("unknown-key", "This site has no key with this id."));
        if (!descendants) {
            if (key.revokedAt != null) {
                return 0;
            }
            key.revokedAt = clock.instant();
            return 1;
        }
        return ApiKey.getEntityManager().createNativeQuery("with recursive tree (id) as (select id from api_key "
                + "where id = ?1 union select k.id from api_key k join tree t on k.created_by = t.id) "
                + "update api_key set revoked_at = ?2 where id in (select id from tree) and revoked_at is null")
                .setParameter(1, key.id).setParameter(2, clock.instant()).executeUpdate();
    }

    /**
     * The caller a presented key stands for: empty for a malformed, unknown or revoked key, or one whose site
     * was deleted.
     */
    @Transactional
    public Optional<Caller> authenticate(String presented) {
        Matcher m = FORMAT.matcher(presented);
        if (!m.matches()) {
            return Optional.empty();
        }
        ApiKey key = ApiKey.findById(m.group(1));
        // Hash even when the id is unknown, so timing says nothing about which ids exist.
        byte[] digest = Hashing.sha256(m.group(2));
        if (key == null || !MessageDigest.isEqual(key.secretHash, digest) || key.revokedAt != null
                || sites.find(key.siteId).isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (key.lastUsedAt == null || key.lastUsedAt.plus(LAST_USED_GRANULARITY).isBefore(now)) {
            key.lastUsedAt = now;
        }
        return Optional.of(new Caller(key.siteId, Role.parse(key.role).orElseThrow(), key.id, key.name,
                key.rateLimit));
    }

    /** Whether a bearer value has the shape of a site key (rather than an operator token). */
    static boolean looksLikeKey(String presented) {
        return presented.startsWith(PREFIX);
    }
}
