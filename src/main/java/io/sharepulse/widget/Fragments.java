package io.sharepulse.widget;

import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.sharepulse.share.Fetch;
import io.sharepulse.share.ShareDocument;
import io.sharepulse.share.ShareLink;
import io.sharepulse.share.ShareService;
import io.sharepulse.share.Visit;
import io.smallrye.mutiny.Uni;

/**
 * The no-JS bar: the share API's document rendered as plain HTML plus one stylesheet link. Built from the same
 * {@link ShareService} call as the JSON, so links and counts are the same ones; Qute escapes every value.
 * Widget actions (Copy link, Share…) need JavaScript and are left out.
 */
@ApplicationScoped
public class Fragments {

    @CheckedTemplate(basePath = "widget")
    static class Templates {
        static native TemplateInstance bar(Bar bar);
    }

    /** What the template shows. */
    public record Bar(String stylesheet, String classes, boolean labels, List<Button> buttons) {
    }

    /** One link of the bar; {@code count} already formatted, null when hidden. */
    public record Button(String network, String href, String label, String name, String icon, String count,
            boolean retired) {
    }

    private final ShareService shares;
    private final Assets assets;

    public Fragments(ShareService shares, Assets assets) {
        this.shares = shares;
        this.assets = assets;
    }

    /**
     * @param baseUrl where our links and stylesheet live (the public URL, or the request's origin)
     */
    public Uni<String> render(String site, String url, String title, BarOptions options, String baseUrl,
            Visit visit, Fetch fetch) {
        return shares.share(site, url, title, null, baseUrl, visit, fetch).map(doc -> render(doc, options, baseUrl));
    }

    String render(ShareDocument doc, BarOptions o, String baseUrl) {
        List<ShareLink> links = doc.links();
        if (o.networks() != null) {
            links = o.networks().stream()
                    .flatMap(id -> doc.links().stream().filter(l -> l.network().equals(id)).limit(1)).toList();
        }
        List<Button> buttons = new ArrayList<>();
        for (ShareLink l : links) {
            if (l.href() != null) {
                // A zero is not worth showing: "0" on every button reads as "nobody shares this".
                buttons.add(new Button(l.network(), l.href(), l.label(), l.name(), l.icon(),
                        o.counts() && l.count() != null && l.count() > 0 ? compact(l.count()) : null,
                        "retired".equals(l.status())));
            }
        }
        String theme = o.theme() != null ? o.theme() : doc.theme() != null ? doc.theme() : "auto";
        String classes = "spb spb-" + theme + " spb-" + o.layout() + " spb-" + o.size();
        return Templates.bar(new Bar(baseUrl + assets.path("embed.css"), classes, o.labels(), buttons)).render();
    }

    /** 950 → "950", 1234 → "1.2k", 2500000 → "2.5m": the same text as widget.js (Intl compact, en). */
    public static String compact(long count) {
        NumberFormat format = NumberFormat.getCompactNumberInstance(Locale.ENGLISH, NumberFormat.Style.SHORT);
        format.setMaximumFractionDigits(1);
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(count).toLowerCase(Locale.ROOT);
    }
}
