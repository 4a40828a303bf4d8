package io.sharepulse.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.sharepulse.platform.SharepulseConfig;
import io.sharepulse.post.PostId;
import io.sharepulse.post.PostStore;

/**
 * The PostgreSQL side of "a post nobody clicked expires" (its Redis hash carries the expiry): after the rollup,
 * rows of posts never clicked are removed once their Redis hash must have expired and any click would show in the
 * rolled-up history ({@code post_last}), i.e. when {@code seeded_at} + the unclicked-post lifetime (plus a margin)
 * lies before the end of the site's last rolled-up day. Each batch asks Redis first to drop the hashes that hold no
 * count (hashes from before the expiry existed, or put back unclicked), and removes only the rows whose hash is
 * gone; a post shown or put back meanwhile has a newer {@code seeded_at} and is left alone. Blocking.
 */
@ApplicationScoped
public class UnclickedPosts {

    static final int BATCH = 500;
    /** Redis sets its expiry a moment after PostgreSQL's seeded_at. */
    static final Duration MARGIN = Duration.ofHours(1);

    /** A locked post (its title and image set by an admin) stays: a registration after its removal would choose them. */
    private static final String NEVER_CLICKED = " p.site_id = ? and p.seeded_at < ? and not p.locked and not exists (select 1 from "
            + "post_last l where l.site_id = p.site_id and l.post_hash = substr(p.id, length(p.site_id) + 2))";

    private final AgroalDataSource db;
    private final PostStore store;
    private final Duration lifetime;

    public UnclickedPosts(AgroalDataSource db, PostStore store, SharepulseConfig config) {
        this.db = db;
        this.store = store;
        this.lifetime = config.limits().unclickedPostLifetime();
    }

    /** Removes the site's posts nobody clicked, given its last rolled-up day; returns how many went. */
    public long forget(String site, LocalDate rolledThrough) {
        Timestamp cutoff = Timestamp.from(rolledThrough.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)
                .minus(lifetime).minus(MARGIN));
        long removed = 0;
        String after = "";
        while (true) {
            List<String> ids = candidates(site, cutoff, after);
            if (ids.isEmpty()) {
                return removed;
            }
            after = ids.get(ids.size() - 1);
            List<String> hashes = ids.stream().map(PostId::parse).flatMap(java.util.Optional::stream)
                    .map(PostId::hash).toList();
            List<String> gone = store.forgetUnclicked(site, hashes).await().atMost(Duration.ofSeconds(30));
            removed += delete(site, cutoff, gone.stream().map(h -> site + "." + h).toList());
            if (ids.size() < BATCH) {
                return removed;
            }
        }
    }

    private List<String> candidates(String site, Timestamp cutoff, String after) {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "select p.id from post p where" + NEVER_CLICKED + " and p.id > ? order by p.id limit " + BATCH)) {
            st.setString(1, site);
            st.setTimestamp(2, cutoff);
            st.setString(3, after);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list unclicked posts of " + site, e);
        }
    }

    private long delete(String site, Timestamp cutoff, List<String> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "delete from post p where" + NEVER_CLICKED + " and p.id = any (?)")) {
            st.setString(1, site);
            st.setTimestamp(2, cutoff);
            st.setArray(3, c.createArrayOf("varchar", ids.toArray()));
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not remove unclicked posts of " + site, e);
        }
    }
}
