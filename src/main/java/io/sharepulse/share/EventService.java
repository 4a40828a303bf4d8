package io.sharepulse.share;

import jakarta.enterprise.context.ApplicationScoped;

import io.sharepulse.network.Network;
import io.sharepulse.network.NetworkCatalog;
import io.sharepulse.platform.ProblemException;
import io.sharepulse.post.PostId;
import io.sharepulse.share.ClickRecorder.Recorded;
import io.sharepulse.site.SiteDirectory;
import io.sharepulse.site.SiteView;
import io.smallrye.mutiny.Uni;

/**
 * The widget's events: a use of a widget action (Copy link, Share…), classified and counted exactly like a click
 * on a network button ({@link ClickTally}), with nowhere to send anybody. Limited per client and site, and counted
 * only with an {@code Origin} on one of the site's domains.
 */
@ApplicationScoped
public class EventService {

    private final NetworkCatalog catalog;
    private final SiteDirectory sites;
    private final PublicLimits limits;
    private final ClickTally tally;

    public EventService(NetworkCatalog catalog, SiteDirectory sites, PublicLimits limits, ClickTally tally) {
        this.catalog = catalog;
        this.sites = sites;
        this.limits = limits;
        this.tally = tally;
    }

    /** Counts one use of the action {@code rawNetwork} on the post; 404 for unknown ids, 422 for a network button. */
    public Uni<ClickOutcome> count(String rawPost, String rawNetwork, Visit visit) {
        PostId post = PostId.parse(rawPost).orElseThrow(ClickTally::unknownPost);
        Network network = catalog.find(rawNetwork).orElseThrow(ClickTally::unknownNetwork);
        if (!network.isAction()) {
            throw new ProblemException(422, "not-an-action", "Not an action",
                    "Only widget actions (copy, webshare, print) are reported as events; network buttons count through "
                            + "their links.");
        }
        return sites.find(post.site()).chain(found -> {
            SiteView site = found.orElseThrow(ClickTally::unknownPost);
            // A beacon comes from the page it was used on: another site's page (or a script without a page) may
            // send as many as it likes, tallied as refused and answered 403.
            String host = visit.origin() == null ? null : Fetch.host(visit.origin());
            Refusal refusal = host != null && site.allowsHost(host) ? null : Refusal.FOREIGN_ORIGIN;
            return limits.event(site.id(), visit).chain(() -> Uni.createFrom().completionStage(
                    () -> tally.tally(post, network, site, visit, false, refusal, Recorded::outcome)
                            .toCompletionStage()))
                    .invoke(outcome -> {
                        if (refusal != null) {
                            throw new ProblemException(403, "event-origin-refused", "Event not counted",
                                    "An event is counted only from a page on one of the site's domains (its Origin).");
                        }
                    });
        });
    }
}
