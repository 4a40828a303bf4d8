package io.sharepulse.site;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.sharepulse.platform.SharepulseConfig;

/**
 * Dev mode's demo site, so the README walk-through works on a fresh machine: the 15 networks of the 2008 share
 * bar this product began from (most now retired, each resolving to a successor or a "closed" page), then a
 * modern set.
 */
@Singleton
public class DemoSiteSeeder {

    private static final Logger LOG = Logger.getLogger(DemoSiteSeeder.class);

    public static final String DEMO_SITE = "demo";
    public static final List<String> BAR_2008 = List.of("ask", "bloglines", "delicious", "digg", "facebook",
            "googlebookmarks", "magnolia", "myspace", "newsvine", "reddit", "stumbleupon", "technorati",
            "windowslive", "yahoobookmarks", "feedburner");
    public static final List<String> MODERN = List.of("x", "linkedin", "bluesky", "mastodon", "threads",
            "whatsapp", "telegram", "hackernews", "email", "copy", "print", "qr", "webshare");

    @Transactional
    void seed(@Observes StartupEvent start, SharepulseConfig config, SiteService sites) {
        if (!config.demo().enabled() || Site.findById(DEMO_SITE) != null) {
            return; // exists, or was deleted on purpose: ids are never reused
        }
        List<String> networks = new ArrayList<>(BAR_2008);
        networks.addAll(MODERN);
        sites.create(new SiteRequest(DEMO_SITE, "Sharepulse demo blog", List.of("localhost", "127.0.0.1"), false,
                networks, "auto", null, null, null, null, null, null, null, null));
        LOG.infof("Seeded the demo site '%s' (domains localhost, 127.0.0.1)", DEMO_SITE);
    }
}
