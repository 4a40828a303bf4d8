package io.sharepulse.network;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One entry of the network catalog ({@code networks/networks.json}).
 *
 * @param id               stable lower-case id used in URLs and counts
 * @param name             display name
 * @param status           {@code active} or {@code retired}
 * @param kind             what a click on it does (see {@link Kind}); null for retired entries
 * @param template         share URL template; placeholders are percent-encoded on expansion
 * @param variants         templates for one platform only (chosen from the reader's User-Agent at click time)
 * @param instanceTemplate for pickers: the template once the reader's instance is known
 * @param page             our own page a click lands on (pickers, the QR code), checked at start-up
 * @param retired          when the service closed (ISO 8601, year or month precision where the day is unknown)
 * @param successor        where a click on a retired network goes instead, if anywhere
 * @param aliases          other ids old embeds may use
 * @param notes            what a site owner should know
 * @param bar2008          how the 2008 share bar this product began from linked to it
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Network(String id, String name, String status, Kind kind, String template, List<Variant> variants,
        String instanceTemplate, Page page, String retired, String successor, List<String> aliases, String notes,
        Legacy bar2008) {

    public static final String ACTIVE = "active";
    public static final String RETIRED = "retired";

    /** What a click on a network does. */
    public enum Kind {
        /** A 302 to the network's web share page. */
        LINK,
        /** A 302 to a URL scheme an app handles ({@code mailto:}, {@code sms:}). */
        APP,
        /** Counted, then our own {@link #page} asks for the reader's own server (the fediverse). */
        PICKER,
        /** Counted, then our own {@link #page} does the job (the QR code). */
        PAGE,
        /** A widget button with no link (Copy link, Print), counted through the events API. */
        ACTION;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Our own pages a click may land on: the only place they are listed. A catalog entry names one and start-up
     * refuses a name not listed here; the widget package serves each path.
     */
    public enum Page {
        /** The fediverse server picker; it preselects the software of the network clicked. */
        FEDIVERSE("/fediverse", true),
        /** The post's address as a QR code. */
        QR("/qr", false);

        private final String path;
        private final boolean namesNetwork;

        Page(String path, boolean namesNetwork) {
            this.path = path;
            this.namesNetwork = namesNetwork;
        }

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public String path() {
            return path;
        }

        /**
         * Where a click on {@code network} for {@code post} lands: a path, not an absolute URL, so the reader's
         * browser stays on the host it clicked and a forged Host header cannot point it elsewhere.
         */
        public String href(Network network, String post) {
            return path + "?post=" + ShareTemplate.encode(post) + (namesNetwork ? "&network=" + network.id() : "");
        }
    }

    /** Platforms a template may be specific to, recognised by the User-Agent of the click. */
    public enum Platform {
        /** iPhone, iPad and iPod (an iPad asking for the desktop site says Macintosh and gets the default). */
        IOS(Pattern.compile("\\b(?:iPhone|iPad|iPod)\\b"));

        private final Pattern userAgent;

        Platform(Pattern userAgent) {
            this.userAgent = userAgent;
        }

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean matches(String ua) {
            return ua != null && userAgent.matcher(ua).find();
        }
    }

    /** A template that replaces {@link #template} on one platform. */
    public record Variant(Platform platform, String template) {
    }

    /** The entry of the 2008 share bar. */
    public record Legacy(String name, String template) {
    }

    @JsonIgnore
    public boolean isActive() {
        return ACTIVE.equals(status);
    }

    /** Widget actions (copy, webshare, print) have no share page to redirect to. */
    @JsonIgnore
    public boolean isAction() {
        return kind == Kind.ACTION;
    }
}
