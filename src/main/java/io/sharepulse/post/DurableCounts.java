package io.sharepulse.post;

import java.util.Map;

/**
 * All-time counts of a post as kept outside Redis (the analytics history, which lies below this package and
 * implements this). Used to give a post back its counts when Redis lost it. Blocking: call from a worker.
 */
public interface DurableCounts {

    /** Network id → clicks over every day the history holds. */
    Map<String, Long> allTime(PostId post);
}
