package io.sharepulse.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
        // Our own pages (the QR code) have no template of a network: a click ends on our page.
        List<Network> live = catalog.all().stream()
                .filter(n -> n.isActive() && !n.isAction() && n.kind() != Network.Kind.PAGE).toList();
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
        Network unknownSuccessor = retired("gone", "nowhere");
        assertThatThrownBy(() -> new NetworkCatalog(List.of(unknownSuccessor)))
                .hasMessageContaining("unknown successor");

        Network a = retired("a", "b");
        Network b = retired("b", "a");
        assertThatThrownBy(() -> new NetworkCatalog(List.of(a, b))).hasMessageContaining("cycle");

        Network hostPlaceholder = live("evil", Network.Kind.LINK, "https://{url}/share", null);
        assertThatThrownBy(() -> new NetworkCatalog(List.of(hostPlaceholder))).hasMessageContaining("host");

        Network twice = new Network("x", "X", "active", Network.Kind.LINK, "https://x.example/?u={url}", null, null,
                null, null, null, List.of("x"), null, null);
        assertThatThrownBy(() -> new NetworkCatalog(List.of(twice))).hasMessageContaining("twice");
    }

    @Test
    void startUpRefusesAKindWithoutItsPageOrAPageWithoutItsKind() {
        assertThatThrownBy(() -> new NetworkCatalog(List.of(live("fedi", Network.Kind.PICKER, "https://a.example/?t={text}", null))))
                .hasMessageContaining("names its page");
        assertThatThrownBy(() -> new NetworkCatalog(List.of(live("odd", Network.Kind.LINK, "https://a.example/?t={text}",
                Network.Page.QR)))).hasMessageContaining("only pickers and pages");
        assertThatThrownBy(() -> new NetworkCatalog(List.of(live("tpl", Network.Kind.ACTION, "https://a.example/", null))))
                .hasMessageContaining("action has no template");
        Network toAction = retired("gone", "print");
        assertThatThrownBy(() -> new NetworkCatalog(List.of(toAction, live("print", Network.Kind.ACTION, null, null))))
                .hasMessageContaining("not a link");
        // The file names kinds and pages by their ids; a page no code serves is refused as it is read.
        ObjectMapper json = new ObjectMapper();
        assertThatThrownBy(() -> json.readValue("{\"id\":\"q\",\"kind\":\"page\",\"page\":\"nowhere\"}",
                Network.class)).hasMessageContaining("nowhere");
        assertThatThrownBy(() -> json.readValue("{\"id\":\"q\",\"kind\":\"picture\"}", Network.class))
                .hasMessageContaining("picture");
    }

    @Test
    void everyPickerAndPageNamesOneOfOurPages() {
        List<Network> own = catalog.all().stream().filter(n -> n.page() != null).toList();
        assertThat(own).extracting(Network::id).contains("mastodon", "misskey", "lemmy", "fediverse", "qr");
        assertThat(catalog.find("misskey").orElseThrow().page()).isEqualTo(Network.Page.FEDIVERSE);
        assertThat(Network.Page.FEDIVERSE.href(catalog.find("mastodon").orElseThrow(), "blog.a+b"))
                .isEqualTo("/fediverse?post=blog.a%2Bb&network=mastodon");
        assertThat(Network.Page.QR.href(catalog.find("qr").orElseThrow(), "blog.abc")).isEqualTo("/qr?post=blog.abc");
    }

    /** The audit's fixes and the networks added with them: the exact URL each template gives. */
    @Test
    void auditedAndNewTemplatesExpandAsDocumented() {
        Map<String, String> values = new HashMap<>(Map.of("url", "https://blog.example/p?a=1&b=2",
                "title", "Rock & <Roll>", "text", "Rock & <Roll>", "hashtag", "#blog", "tags", "blog,rock"));
        String u = "https%3A%2F%2Fblog.example%2Fp%3Fa%3D1%26b%3D2";
        String t = "Rock%20%26%20%3CRoll%3E";
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("x", "https://x.com/intent/tweet?text=" + t + "&url=" + u + "&hashtags=blog%2Crock");
        expected.put("facebook", "https://www.facebook.com/sharer/sharer.php?u=" + u + "&hashtag=%23blog");
        expected.put("buffer", "https://publish.buffer.com/compose?url=" + u + "&text=" + t);
        expected.put("tumblr", "https://www.tumblr.com/widgets/share/tool?posttype=link&canonicalUrl=" + u + "&title="
                + t + "&caption=" + t + "&content=" + u);
        expected.put("farcaster", "https://farcaster.xyz/~/compose?text=" + t + "&embeds%5B%5D=" + u);
        expected.put("livejournal", "https://www.livejournal.com/update.bml?subject=" + t + "&event=" + t + "%20" + u);
        expected.put("instapaper", "https://www.instapaper.com/hello2?url=" + u + "&title=" + t);
        expected.put("raindrop", "https://app.raindrop.io/add?link=" + u + "&title=" + t);
        expected.put("pinboard", "https://pinboard.in/add?url=" + u + "&title=" + t);
        expected.put("gmail", "https://mail.google.com/mail/?view=cm&fs=1&su=" + t + "&body=" + t + "%0A%0A" + u);
        expected.put("outlook", "https://outlook.live.com/mail/0/deeplink/compose?subject=" + t + "&body=" + t + "%0A%0A"
                + u);
        expected.put("fediverse", "https://s2f.kytta.dev/?text=" + t + "%20" + u);
        expected.put("sms", "sms:?body=" + t + "%20" + u);
        expected.forEach((id, url) -> assertThat(catalog.shareUrl(catalog.find(id).orElseThrow(), values)).as(id)
                .contains(url));
        values.remove("hashtag");
        assertThat(catalog.shareUrl(catalog.find("facebook").orElseThrow(), values))
                .contains("https://www.facebook.com/sharer/sharer.php?u=" + u);

        Map<String, String> onServer = Map.of(
                "mastodon", "https://social.example/share?text=" + t + "%20" + u,
                "misskey", "https://social.example/share?text=" + t + "&url=" + u,
                "lemmy", "https://social.example/create_post?url=" + u + "&title=" + t);
        onServer.forEach((id, url) -> assertThat(catalog.instanceShareUrl(catalog.find(id).orElseThrow(),
                "social.example", values)).as(id).contains(url));
    }

    @Test
    void smsTakesTheFormOfTheReadersPlatform() {
        Network sms = catalog.find("sms").orElseThrow();
        Map<String, String> values = Map.of("url", "https://blog.example/?a=1&body=x", "text", "Hi & bye");
        String body = "Hi%20%26%20bye%20https%3A%2F%2Fblog.example%2F%3Fa%3D1%26body%3Dx";
        String iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                + "Version/18.5 Mobile/15E148 Safari/604.1";
        String ipad = "Mozilla/5.0 (iPad; CPU OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                + "CriOS/138.0 Mobile/15E148 Safari/604.1";
        String android = "Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/140.0.0.0 Mobile Safari/537.36";
        assertThat(catalog.shareUrl(sms, values, iphone)).contains("sms:&body=" + body);
        assertThat(catalog.shareUrl(sms, values, ipad)).contains("sms:&body=" + body);
        assertThat(catalog.shareUrl(sms, values, android)).contains("sms:?body=" + body);
        assertThat(catalog.shareUrl(sms, values, null)).contains("sms:?body=" + body);
        // Only SMS has variants: every other network is the same for everybody.
        assertThat(catalog.shareUrl(catalog.find("reddit").orElseThrow(), values, iphone))
                .isEqualTo(catalog.shareUrl(catalog.find("reddit").orElseThrow(), values));
    }

    @Test
    void theAuditsRetirementsAndTheirDates() {
        Network xing = catalog.find("xing").orElseThrow();
        assertThat(xing.isActive()).isFalse();
        assertThat(xing.retired()).isEqualTo("2026-05");
        assertThat(catalog.destination(xing)).map(Network::id).contains("linkedin");
        assertThat(catalog.find("myspace").orElseThrow().retired()).isEqualTo("2018");
        assertThat(catalog.find("myspace").orElseThrow().notes()).contains("myspace.com/post?u=&t=");
        assertThat(catalog.find("digg").orElseThrow().retired()).isEqualTo("2020");
        assertThat(catalog.find("mix").orElseThrow().retired()).isNull();
        assertThat(catalog.find("twitter").orElseThrow().template()).startsWith("https://x.com/intent/tweet?");
    }

    static Network retired(String id, String successor) {
        return new Network(id, id.toUpperCase(Locale.ROOT), "retired", null, null, null, null, null, "2020",
                successor, null, null, null);
    }

    static Network live(String id, Network.Kind kind, String template, Network.Page page) {
        return new Network(id, id.toUpperCase(Locale.ROOT), "active", kind, template, null, null, page, null,
                null, null, null, null);
    }
}
