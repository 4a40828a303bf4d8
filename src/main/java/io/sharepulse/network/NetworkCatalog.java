package io.sharepulse.network;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The catalog of networks, read once from {@code networks/networks.json}. Adding or retiring a network is an
 * edit of that file; start-up fails on an entry that could send a reader somewhere wrong (unknown successor,
 * successor cycle, a placeholder in a host).
 */
@Singleton
public class NetworkCatalog {

    static final String RESOURCE = "networks/networks.json";
    private static final Pattern ID = Pattern.compile("[a-z0-9]{1,20}");

    private final List<Network> all;
    private final Map<String, Network> byId;
    private final Map<String, ShareTemplate> templates;
    private final Map<String, List<PlatformTemplate>> variants;

    /** A compiled {@link Network.Variant}. */
    private record PlatformTemplate(Network.Platform platform, ShareTemplate template) {
    }

    @Inject
    public NetworkCatalog(ObjectMapper json) {
        this(load(json));
    }

    NetworkCatalog(List<Network> networks) {
        Map<String, Network> index = new LinkedHashMap<>();
        Map<String, ShareTemplate> compiled = new LinkedHashMap<>();
        Map<String, List<PlatformTemplate>> compiledVariants = new LinkedHashMap<>();
        for (Network n : networks) {
            validateShape(n);
            register(index, n.id(), n);
            if (n.aliases() != null) {
                n.aliases().forEach(alias -> register(index, alias.toLowerCase(Locale.ROOT), n));
            }
            if (n.template() != null) {
                compiled.put(n.id(), ShareTemplate.compile(n.template()));
            }
            if (n.variants() != null && !n.variants().isEmpty()) {
                compiledVariants.put(n.id(), n.variants().stream()
                        .map(v -> new PlatformTemplate(v.platform(), ShareTemplate.compile(v.template()))).toList());
            }
            if (n.instanceTemplate() != null) {
                ShareTemplate.compile(n.instanceTemplate().replace("{instance}", "instance.invalid"));
            }
        }
        for (Network n : networks) {
            validateSuccession(n, index);
        }
        this.all = List.copyOf(networks);
        this.byId = Collections.unmodifiableMap(index);
        this.templates = Collections.unmodifiableMap(compiled);
        this.variants = Collections.unmodifiableMap(compiledVariants);
    }

    /** Every network in catalog order (live first, then the retired ones). */
    public List<Network> all() {
        return all;
    }

    /** A network by id or alias, case-insensitively. */
    public Optional<Network> find(String idOrAlias) {
        if (idOrAlias == null || idOrAlias.length() > 40) {
            return Optional.empty();
        }
        return Optional.ofNullable(byId.get(idOrAlias.toLowerCase(Locale.ROOT)));
    }

    /**
     * Where a click on {@code network} goes today: itself if live, else the first live successor, else empty
     * (the service closed and nothing replaced it).
     */
    public Optional<Network> destination(Network network) {
        Network current = network;
        for (int hops = 0; hops < 10 && current != null; hops++) {
            if (current.isActive()) {
                return Optional.of(current);
            }
            current = current.successor() == null ? null : byId.get(current.successor());
        }
        return Optional.empty();
    }

    /** The network's share URL for these values (see {@link ShareTemplate}); empty for actions. */
    public Optional<String> shareUrl(Network network, Map<String, String> values) {
        ShareTemplate template = templates.get(network.id());
        return template == null ? Optional.empty() : Optional.of(template.expand(values));
    }

    /**
     * The share URL for a reader whose browser sent {@code userAgent}: the network's template for that platform
     * where it has one (SMS on iOS), else {@link #shareUrl(Network, Map)}.
     */
    public Optional<String> shareUrl(Network network, Map<String, String> values, String userAgent) {
        for (PlatformTemplate variant : variants.getOrDefault(network.id(), List.of())) {
            if (variant.platform().matches(userAgent)) {
                return Optional.of(variant.template().expand(values));
            }
        }
        return shareUrl(network, values);
    }

    /**
     * A host name a reader may give as their instance (Mastodon): lower-case DNS labels, at least two, a
     * top-level label of letters (or an IDN's {@code xn--} form); no port, user, path or IP address.
     */
    public static final Pattern INSTANCE = Pattern.compile(
            "(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})");

    /**
     * A picker network's share URL on the reader's own instance, e.g. {@code https://mastodon.social/share?text=…};
     * empty when the network has no instance template or {@code instance} is not a valid host name.
     */
    public Optional<String> instanceShareUrl(Network network, String instance, Map<String, String> values) {
        if (network.instanceTemplate() == null || instance == null || !INSTANCE.matcher(instance).matches()) {
            return Optional.empty();
        }
        return Optional.of(ShareTemplate.compile(network.instanceTemplate().replace("{instance}", instance))
                .expand(values));
    }

    private static void register(Map<String, Network> index, String key, Network n) {
        if (index.putIfAbsent(key, n) != null) {
            throw new IllegalStateException("network catalog: id or alias '" + key + "' is used twice");
        }
    }

    private static void validateShape(Network n) {
        String where = "network catalog: entry '" + n.id() + "': ";
        if (n.id() == null || !ID.matcher(n.id()).matches()) {
            throw new IllegalStateException(where + "id must match " + ID.pattern());
        }
        if (n.name() == null || n.name().isBlank()) {
            throw new IllegalStateException(where + "name is required");
        }
        if (!Network.ACTIVE.equals(n.status()) && !Network.RETIRED.equals(n.status())) {
            throw new IllegalStateException(where + "status must be active or retired");
        }
        if (!n.isActive()) {
            if (n.kind() != null || n.page() != null || n.template() != null || n.instanceTemplate() != null) {
                throw new IllegalStateException(where + "a retired network has no kind, page or template");
            }
            return;
        }
        if (n.kind() == null) {
            throw new IllegalStateException(where + "kind must be one of " + List.of(Network.Kind.values()));
        }
        boolean ownPage = n.kind() == Network.Kind.PICKER || n.kind() == Network.Kind.PAGE;
        if (ownPage != (n.page() != null)) {
            throw new IllegalStateException(where + (ownPage ? "a " + n.kind().id() + " names its page"
                    : "only pickers and pages name a page"));
        }
        if (n.instanceTemplate() != null && n.kind() != Network.Kind.PICKER) {
            throw new IllegalStateException(where + "only pickers have an instance template");
        }
        if (n.isAction() ? n.template() != null : n.template() == null && n.kind() != Network.Kind.PAGE) {
            throw new IllegalStateException(where + (n.isAction() ? "an action has no template"
                    : "a live network needs a template"));
        }
        if (n.variants() != null && n.variants().stream().anyMatch(v -> v.platform() == null || v.template() == null)) {
            throw new IllegalStateException(where + "a variant names its platform and template");
        }
    }

    private static void validateSuccession(Network n, Map<String, Network> index) {
        Set<String> seen = new HashSet<>();
        Network current = n;
        while (current.successor() != null) {
            if (!seen.add(current.id())) {
                throw new IllegalStateException("network catalog: successor cycle through '" + n.id() + "'");
            }
            Network next = index.get(current.successor());
            if (next == null) {
                throw new IllegalStateException("network catalog: '" + current.id() + "' names unknown successor '"
                        + current.successor() + "'");
            }
            if (next.isActive() && next.kind() != Network.Kind.LINK && next.kind() != Network.Kind.APP) {
                throw new IllegalStateException("network catalog: successor of '" + current.id() + "' is not a link");
            }
            current = next;
        }
    }

    private static List<Network> load(ObjectMapper json) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("network catalog " + RESOURCE + " is missing");
            }
            CatalogFile file = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                    .readValue(in, CatalogFile.class);
            return new ArrayList<>(file.networks());
        } catch (IOException e) {
            throw new UncheckedIOException("network catalog " + RESOURCE + " is unreadable", e);
        }
    }

    /** The file's shape: a free-text description of the placeholders, then the entries. */
    record CatalogFile(String placeholders, List<Network> networks) {
    }
}
