package io.sharepulse.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class NetworkCatalogTest {

    static final List<String> BAR_2008 = List.of("Ask", "Bloglines", "del.icio.us", "Digg", "Facebook", "Google",
            "Ma.gnolia", "MySpace", "Newsvine", "Reddit", "StumbleUpon", "Technorati", "Windows Live", "Yahoo!",
            "Email");
    static final Map<String, String> VALUES = Map.of("url", "https://blog.example/p?a=1&b=2",
            "title", "Neural Networks", "text", "Neural Networks");

    final NetworkCatalog catalog = new NetworkCatalog(new ObjectMapper());

    @Test
    void everyNetworkOfThe2008BarHasAnEntryWithItsFate() {
        List<Network> seed = catalog.all().stream().filter(n -> n.bar2008() != null).toList();
        assertThat(seed).extracting(n -> n.bar2008().name()).containsExactlyInAnyOrderElementsOf(BAR_2008);
        for (Network n : seed) {
            assertThat(n.bar2008().template()).as(n.id()).startsWith("http");
            if (!n.isActive()) {
                assertThat(n.retired()).as(n.id() + " retired date").matches("\\d{4}(-\\d{2}(-\\d{2})?)?");
            }
        }
    }

    @Test
    void everySeedEntryResolvesToALiveTemplateOrTheRetiredPage() {
        for (Network n : catalog.all().stream().filter(n -> n.bar2008() != null).toList()) {
            Optional<Network> destination = catalog.destination(n);
            if (destination.isPresent()) {
                assertThat(destination.get().isActive()).isTrue();
                assertThat(catalog.shareUrl(destination.get(), VALUES)).as(n.id()).isPresent()
                        .get().asString().contains("blog.example");
            } else {
                assertThat(n.successor()).as(n.id()).isNull();
            }
        }
        assertThat(catalog.destination(catalog.find("delicious").orElseThrow())).map(Network::id).contains("pinboard");
        assertThat(catalog.destination(catalog.find("feedburner").orElseThrow())).map(Network::id).contains("email");
        assertThat(catalog.destination(catalog.find("facebook").orElseThrow())).map(Network::id).contains("facebook");
        assertThat(catalog.destination(catalog.find("technorati").orElseThrow())).isEmpty();
        assertThat(catalog.destination(catalog.find("skype").orElseThrow())).map(Network::id).contains("teams");
    }

    @Test
    void atLeast25LiveNetworksWithTemplates() {
        List<Network> live = catalog.all().stream().filter(n -> n.isActive() && !n.isAction()).toList();
        assertThat(live).hasSizeGreaterThanOrEqualTo(25);
        assertThat(live).allSatisfy(n -> assertThat(n.template()).isNotBlank());
        assertThat(live).extracting(Network::id).contains("facebook", "x", "linkedin", "reddit", "bluesky",
                "mastodon", "threads", "email", "whatsapp", "telegram", "hackernews", "pinboard");
    }

    @Test
    void aliasesFindTheirNetworkCaseInsensitively() {
        assertThat(catalog.find("twitter")).map(Network::id).contains("x");
        assertThat(catalog.find("del.icio.us")).map(Network::id).contains("delicious");
        assertThat(catalog.find("REDDIT")).map(Network::id).contains("reddit");
        assertThat(catalog.find("myspace2")).isEmpty();
    }

    @Test
    void startUpRefusesAnEntryThatCouldMisdirectAReader() {
        Network unknownSuccessor = new Network("gone", "Gone", "retired", null, null, null, "2020", "nowhere", null,
                null, null);
        assertThatThrownBy(() -> new NetworkCatalog(List.of(unknownSuccessor)))
                .hasMessageContaining("unknown successor");

        Network a = new Network("a", "A", "retired", null, null, null, "2020", "b", null, null, null);
        Network b = new Network("b", "B", "retired", null, null, null, "2020", "a", null, null, null);
        assertThatThrownBy(() -> new NetworkCatalog(List.of(a, b))).hasMessageContaining("cycle");

        Network hostPlaceholder = new Network("evil", "Evil", "active", "link", "https://{url}/share", null, null,
                null, null, null, null);
        assertThatThrownBy(() -> new NetworkCatalog(List.of(hostPlaceholder))).hasMessageContaining("host");

        Network twice = new Network("x", "X", "active", "link", "https://x.example/?u={url}", null, null, null,
                List.of("x"), null, null);
        assertThatThrownBy(() -> new NetworkCatalog(List.of(twice))).hasMessageContaining("twice");
    }
}
