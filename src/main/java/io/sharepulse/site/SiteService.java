package io.sharepulse.site;

import java.net.IDN;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import com.google.common.net.InternetDomainName;

import io.netty.util.NetUtil;
import io.sharepulse.network.Network;
import io.sharepulse.network.NetworkCatalog;
import io.sharepulse.platform.Problem.FieldError;
import io.sharepulse.platform.ProblemException;
import io.sharepulse.platform.SharepulseConfig;

/** Sites: validation, persistence, and telling the rest of the service when one changes. */
@ApplicationScoped
public class SiteService {

    /** The bar a site gets when it names no networks. */
    static final List<String> DEFAULT_NETWORKS = List.of("facebook", "x", "linkedin", "reddit", "bluesky",
            "mastodon", "whatsapp", "email", "copy");

    private final NetworkCatalog catalog;
    private final Clock clock;
    private final SharepulseConfig config;
    private final Event<SiteChanged> changed;

    public SiteService(NetworkCatalog catalog, Clock clock, SharepulseConfig config, Event<SiteChanged> changed) {
        this.catalog = catalog;
        this.clock = clock;
        this.config = config;
        this.changed = changed;
    }

    @Transactional
    public List<SiteView> list() {
        return Site.<Site>list("deletedAt is null order by id").stream().map(SiteView::of).toList();
    }

    @Transactional
    public Optional<SiteView> find(String id) {
        return live(id).map(SiteView::of);
    }

    @Transactional
    public SiteView get(String id) {
        return find(id).orElseThrow(() -> unknown());
    }

    @Transactional
    public SiteView create(SiteRequest request) {
        if (request.id() == null) {
            throw invalid(List.of(new FieldError("id", "must not be null")));
        }
        if (Site.findById(request.id()) != null) {
            throw new ProblemException(409, "site-exists", "Conflict",
                    "A site with this id exists or existed; ids are never reused.");
        }
        Site site = new Site();
        site.id = request.id();
        site.createdAt = now();
        apply(site, request);
        site.persist();
        changed.fire(new SiteChanged(site.id, false));
        return SiteView.of(site);
    }

    /**
     * @param mayChangeDomains whether the caller may change which hosts the site owns (the operator only: a site's
     *                         own key must not be able to claim somebody else's domain for share links)
     */
    @Transactional
    public SiteView replace(String id, SiteRequest request, boolean mayChangeDomains) {
        if (request.id() != null && !request.id().equals(id)) {
            throw invalid(List.of(new FieldError("id", "a site's id cannot change")));
        }
        Site site = live(id).orElseThrow(() -> unknown());
        if (!mayChangeDomains) {
            List<FieldError> errors = new ArrayList<>();
            Set<String> asked = Set.copyOf(domains(request.domains(), errors));
            // A domain that does not pass is not one the site has: a change all the same.
            if (!errors.isEmpty() || !asked.equals(Set.copyOf(site.domains))
                    || Boolean.TRUE.equals(request.includeSubdomains()) != site.includeSubdomains) {
                throw new ProblemException(403, "forbidden", "Forbidden", "Only the operator may change a site's "
                        + "domains or includeSubdomains; send them as they are.");
            }
        }
        apply(site, request);
        changed.fire(new SiteChanged(site.id, false));
        return SiteView.of(site);
    }

    @Transactional
    public void delete(String id) {
        Site site = live(id).orElseThrow(() -> unknown());
        site.deletedAt = now();
        site.updatedAt = site.deletedAt;
        changed.fire(new SiteChanged(site.id, true));
    }

    private void apply(Site site, SiteRequest request) {
        List<FieldError> errors = new ArrayList<>();
        site.name = request.name().strip();
        site.domains = domains(request.domains(), errors);
        site.networks = networks(request.networks() == null ? DEFAULT_NETWORKS : request.networks(), errors);
        site.mediaDomains = request.mediaDomains() == null ? List.of()
                : domains(request.mediaDomains(), "mediaDomains", errors);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        site.includeSubdomains = Boolean.TRUE.equals(request.includeSubdomains());
        site.theme = request.theme() == null ? "auto" : request.theme();
        site.dedupeSeconds = request.dedupeMinutes() != null ? request.dedupeMinutes() * 60
                : (int) config.counting().defaultDedupeWindow().toSeconds();
        site.honourDnt = request.honourDnt() == null || request.honourDnt();
        site.minCount = request.minCount() == null ? 0 : request.minCount();
        site.via = request.via();
        site.hashtags = request.hashtags();
        site.queryParams = request.queryParams() == null ? List.of()
                : request.queryParams().contains(SiteView.ALL_PARAMS) ? List.of(SiteView.ALL_PARAMS)
                : List.copyOf(new LinkedHashSet<>(request.queryParams()));
        site.tagLinks = request.tagLinks() == null || request.tagLinks();
        site.updatedAt = now();
    }

    /**
     * Host names as URLs carry them: lower case, ASCII (punycode), no trailing dot; nothing else allowed. A name of
     * one label ({@code com}, {@code intranet}) or a public suffix ({@code co.uk}, {@code github.io}: names anybody
     * can register under, by the Public Suffix List Guava ships) is refused: with subdomains it would hand share
     * links to every site under it. IP addresses and {@code localhost} (development) are taken as they are.
     */
    static List<String> domains(List<String> raw, List<FieldError> errors) {
        return domains(raw, "domains", errors);
    }

    static List<String> domains(List<String> raw, String name, List<FieldError> errors) {
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String d = raw.get(i).strip().toLowerCase(Locale.ROOT);
            if (d.endsWith(".")) {
                d = d.substring(0, d.length() - 1);
            }
            String field = name + "[" + i + "]";
            String ascii;
            try {
                ascii = IDN.toASCII(d, IDN.USE_STD3_ASCII_RULES);
                if (ascii.isEmpty() || ascii.startsWith(".") || ascii.contains("..")) {
                    throw new IllegalArgumentException("empty label");
                }
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(field, "must be a host name such as example.com, without scheme, port or path"));
                continue;
            }
            if (ascii.equals("localhost") || NetUtil.isValidIpV4Address(ascii)) {
                out.add(ascii);
            } else if (!ascii.contains(".")) {
                errors.add(new FieldError(field, "must be a full host name such as example.com, not a single label"));
            } else if (!InternetDomainName.isValid(ascii)) {
                errors.add(new FieldError(field, "must be a host name such as example.com, without scheme, port or path"));
            } else if (InternetDomainName.from(ascii).isPublicSuffix()) {
                errors.add(new FieldError(field, "is a public suffix (anybody can have a name under it); "
                        + "name your own domain, such as blog." + ascii));
            } else {
                out.add(ascii);
            }
        }
        return List.copyOf(out);
    }

    private List<String> networks(List<String> raw, List<FieldError> errors) {
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            Optional<Network> network = catalog.find(raw.get(i).strip());
            if (network.isEmpty()) {
                errors.add(new FieldError("networks[" + i + "]", "is not a network of the catalog (GET /api/v1/networks)"));
            } else if (!out.add(network.get().id())) {
                errors.add(new FieldError("networks[" + i + "]", "is listed twice"));
            }
        }
        return List.copyOf(out);
    }

    private static Optional<Site> live(String id) {
        if (id == null || !SiteRequest.ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return Site.<Site>findByIdOptional(id).filter(s -> s.deletedAt == null);
    }

    private Instant now() {
        return clock.instant();
    }

    private static ProblemException unknown() {
        return ProblemException.notFound("unknown-site", "No site has this id.");
    }

    private static ProblemException invalid(List<FieldError> errors) {
        return new ProblemException(400, "invalid-input", "Invalid request", "Some fields are not valid; see errors.",
                errors, null);
    }
}
