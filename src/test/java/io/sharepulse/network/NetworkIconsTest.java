package io.sharepulse.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class NetworkIconsTest {

    static final Pattern PATH = Pattern.compile("[MmZzLlHhVvCcSsQqTtAa0-9 .,-]+");

    final NetworkCatalog catalog = new NetworkCatalog(new ObjectMapper());
    final NetworkIcons icons = new NetworkIcons(new ObjectMapper(), catalog);

    @Test
    void everyCatalogNetworkHasAnIcon() {
        for (Network n : catalog.all()) {
            NetworkIcons.Icon icon = icons.of(n);
            assertThat(icon.path()).as(n.id()).isNotBlank().matches(PATH);
        }
        assertThat(icons.source()).startsWith("simple-icons ").endsWith("(CC0-1.0)");
    }

    @Test
    void liveBrandsComeFromSimpleIconsAndTheRestGetNeutralGlyphs() {
        assertThat(icons.of(catalog.find("reddit").orElseThrow()).source()).isEqualTo("simple-icons:reddit");
        assertThat(icons.of(catalog.find("hackernews").orElseThrow()).source()).isEqualTo("simple-icons:ycombinator");
        for (String id : List.of("farcaster", "livejournal", "instapaper", "misskey", "lemmy", "gmail")) {
            assertThat(icons.of(catalog.find(id).orElseThrow()).source()).as(id).isEqualTo("simple-icons:" + id);
        }
        assertThat(icons.of(catalog.find("fediverse").orElseThrow()).source()).isEqualTo("simple-icons:activitypub");
        // Missing from the package, or no brand at all: a glyph in the text colour.
        for (String id : List.of("linkedin", "teams", "outlook", "raindrop", "email", "sms", "copy", "webshare",
                "print", "qr")) {
            NetworkIcons.Icon icon = icons.of(catalog.find(id).orElseThrow());
            assertThat(icon.source()).as(id).startsWith("glyph:");
            assertThat(icon.color()).as(id).isNull();
        }
        // Every retired network, successor or not, gets the neutral "closed" glyph.
        for (Network n : catalog.all().stream().filter(n -> !n.isActive()).toList()) {
            assertThat(icons.of(n).source()).as(n.id()).isEqualTo("glyph:closed");
        }
    }

    @Test
    void everyBrandColourHasThreeToOneAgainstBothThemesButtons() {
        icons.all().forEach((id, icon) -> {
            if (icon.color() != null) {
                assertThat(NetworkIcons.contrast(icon.color(), NetworkIcons.LIGHT_BACKGROUND)).as(id + " light")
                        .isGreaterThanOrEqualTo(NetworkIcons.MIN_CONTRAST);
                if (icon.colorDark() != null) { // else the text colour, checked by the browser tests
                    assertThat(NetworkIcons.contrast(icon.colorDark(), NetworkIcons.DARK_BACKGROUND)).as(id + " dark")
                            .isGreaterThanOrEqualTo(NetworkIcons.MIN_CONTRAST);
                }
            }
        });
    }

    @Test
    void blackMarksGetALightVariantInDarkModeAndGoodColoursStayAsTheyAre() {
        for (String id : List.of("x", "threads", "diaspora")) {
            NetworkIcons.Icon icon = icons.of(catalog.find(id).orElseThrow());
            assertThat(icon.color()).as(id).isEqualTo("#000000");
            assertThat(icon.colorDark()).as(id + ": drawn in the dark theme's text colour").isNull();
        }
        assertThat(icons.of(catalog.find("mastodon").orElseThrow()).colorDark()).isNotNull();
        assertThat(icons.of(catalog.find("facebook").orElseThrow()).color()).isEqualTo("#0866FF");
        // WhatsApp's green is too light on a light button: darkened just enough.
        String whatsapp = icons.of(catalog.find("whatsapp").orElseThrow()).color();
        assertThat(whatsapp).isNotEqualTo("#25D366");
        assertThat(NetworkIcons.contrast(whatsapp, NetworkIcons.LIGHT_BACKGROUND)).isBetween(3.0, 3.3);
    }
}
