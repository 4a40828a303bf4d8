package io.sharepulse.post;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.sharepulse.platform.RedisKeys;
import io.sharepulse.platform.RedisScript;
import io.sharepulse.platform.SharepulseConfig;
import io.smallrye.mutiny.Uni;

/**
 * The Redis post hash ({@code sp:{site}:post:{hash}}): fields {@code u} url, {@code t} title, {@code m} media,
 * and {@code c:<network>} all-time clicks. The click script reads the first three and increments the last.
 */
@ApplicationScoped
public class PostStore {

    public static final String URL = "u";
    public static final String TITLE = "t";
    public static final String MEDIA = "m";
    public static final String COUNT_PREFIX = "c:";

    private static final RedisScript PUT = RedisScript.fromResource("redis/put-post.lua");
    private static final RedisScript FORGET = RedisScript.fromResource("redis/forget-posts.lua");
    private static final RedisScript EDIT = RedisScript.fromResource("redis/edit-post.lua");

    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final ReactiveKeyCommands<String> keyCommands;
    private final String unclickedSeconds;

    public PostStore(ReactiveRedisDataSource redis, RedisKeys keys, SharepulseConfig config) {
        this.redis = redis;
        this.keys = keys;
        this.hashes = redis.hash(String.class);
        this.keyCommands = redis.key();
        this.unclickedSeconds = Long.toString(Math.max(1, config.limits().unclickedPostLifetime().toSeconds()));
    }

    /** The post as Redis knows it, in one round trip. */
    public Uni<Optional<PostRecord>> read(PostId id) {
        return hashes.hgetall(keys.post(id.site(), id.hash())).map(fields -> toRecord(id, fields));
    }

    /**
     * Writes url/title/media of a post Redis does not have, with the expiry of a post nobody clicked
     * ({@code sharepulse.limits.unclicked-post-lifetime}; the first counted click removes it). A post another
     * instance wrote meanwhile is left as it is.
     */
    public Uni<Void> seed(PostId id, PostTarget target) {
        return restore(new PostRecord(id, target, Map.of()));
    }

    /**
     * Puts back a post Redis lost, with its all-time counts, unless it exists already (atomic: no click that
     * counted since another instance restored it is overwritten). Without counts it expires like a new post.
     */
    public Uni<Void> restore(PostRecord post) {
        List<String> args = new ArrayList<>();
        args.add(keys.post(post.id().site(), post.id().hash()));
        args.add(unclickedSeconds);
        args.add(post.url());
        args.add(post.title());
        args.add(post.media() == null ? "" : post.media());
        post.counts().forEach((network, count) -> {
            args.add(network);
            args.add(Long.toString(count));
        });
        return PUT.run(redis, 1, args.toArray(String[]::new)).replaceWithVoid();
    }

    /** Writes an admin's change of title or image into the post hash, if Redis holds the post (atomic). */
    public Uni<Void> edit(PostId id, PostTarget target, boolean locked) {
        return EDIT.run(redis, 1, keys.post(id.site(), id.hash()), target.title() == null ? "" : target.title(),
                target.media() == null ? "" : target.media(), locked ? "1" : "0").replaceWithVoid();
    }

    /**
     * Removes the hashes of these posts of one site unless they hold a count; returns the post hashes now absent
     * from Redis (removed, or gone already), whose PostgreSQL rows may go too.
     */
    public Uni<List<String>> forgetUnclicked(String site, List<String> postHashes) {
        if (postHashes.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String[] names = postHashes.stream().map(h -> keys.post(site, h)).toArray(String[]::new);
        return FORGET.run(redis, names.length, names).map(reply -> {
            List<String> gone = new ArrayList<>();
            for (int i = 0; i < postHashes.size(); i++) {
                if (reply.get(i).toInteger() == 1) {
                    gone.add(postHashes.get(i));
                }
            }
            return gone;
        });
    }

    /** Removes the post hashes of these posts (a deleted site): their links stop counting. */
    public Uni<Integer> unlink(String site, List<String> postHashes) {
        if (postHashes.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        String[] names = postHashes.stream().map(h -> keys.post(site, h)).toArray(String[]::new);
        return keyCommands.unlink(names);
    }

    static Optional<PostRecord> toRecord(PostId id, Map<String, String> fields) {
        if (fields == null || fields.get(URL) == null) {
            return Optional.empty();
        }
        Map<String, Long> counts = new HashMap<>();
        fields.forEach((name, value) -> {
            if (name.startsWith(COUNT_PREFIX)) {
                counts.put(name.substring(COUNT_PREFIX.length()), Long.parseLong(value));
            }
        });
        return Optional.of(new PostRecord(id, new PostTarget(fields.get(URL), fields.getOrDefault(TITLE, ""),
                fields.get(MEDIA)), Map.copyOf(counts)));
    }
}
