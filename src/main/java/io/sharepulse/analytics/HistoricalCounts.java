package io.sharepulse.analytics;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.sharepulse.post.DurableCounts;
import io.sharepulse.post.PostId;

/** A post's all-time counts from the rolled-up history, for restoring a post Redis lost. */
@ApplicationScoped
public class HistoricalCounts implements DurableCounts {

    private final HistoryReader history;

    public HistoricalCounts(HistoryReader history) {
        this.history = history;
    }

    @Override
    public Map<String, Long> allTime(PostId post) {
        return history.postAllTime(post);
    }
}
