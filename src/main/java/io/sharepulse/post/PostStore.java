package io.sharepulse.post;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.sharepulse.platform.RedisKeys;
import io.sharepulse.platform.RedisScript;
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

    private static final RedisScript RESTORE = RedisScript.fromResource("redis/restore-post.lua");

    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final ReactiveKeyCommands<String> keyCommands;

    public PostStore(ReactiveRedisDataSource redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
        this.hashes = redis.hash(String.class);
        this.keyCommands = redis.key();
    }

    /** The post as Redis knows it, in one round trip. */
    public Uni<Optional<PostRecord>> read(PostId id) {
        return hashes.hgetall(keys.post(id.site(), id.hash())).map(fields -> toRecord(id, fields));
    }

    /** Writes url/title/media, leaving the counts alone. */
    public Uni<Void> seed(PostId id, PostTarget target) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(URL, target.url());
        fields.put(TITLE, target.title());
        if (target.media() != null) {
            fields.put(MEDIA, target.media());
        }
        return hashes.hset(keys.post(id.site(), id.hash()), fields).replaceWithVoid();
    }

    /**
     * Puts back a post Redis lost, with its all-time counts, unless it exists already (atomic: no click that
     * counted since another instance restored it is overwritten).
     */
    public Uni<Void> restore(PostRecord post) {
        List<String> args = new ArrayList<>();
        args.add(keys.post(post.id().site(), post.id().hash()));
        args.add(post.url());
        args.add(post.title());
        args.add(post.media() == null ? "" : post.media());
        post.counts().forEach((network, count) -> {
            args.add(network);
            args.add(Long.toString(count));
        });
        return RESTORE.run(redis, 1, args.toArray(String[]::new)).replaceWithVoid();
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
