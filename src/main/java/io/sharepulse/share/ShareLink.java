package io.sharepulse.share;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.sharepulse.network.Network;

/**
 * One button of a post's bar.
 *
 * @param kind      what a click does ({@code link}, {@code app}, {@code picker}, {@code page}, {@code action})
 * @param href      our counted redirect (null for widget actions such as copy)
 * @param share     the network's own share URL, for a page that wants to link directly; null for actions and for
 *                  retired networks without successor
 * @param count     all-time clicks, or null where the site hides small counts
 * @param successor where a retired network's clicks go
 * @param label     the button's accessible name ("Share on Reddit", "Technorati has closed")
 * @param icon      SVG path data (view box 0 0 24 24), so a bar needs no second request for its icons
 * @param color     the icon's fill on the light theme (at least 3:1 against the button); null: the text colour
 * @param colorDark the icon's fill on the dark theme; null: the text colour
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShareLink(String network, String name, Network.Kind kind, String status, String successor, String href,
        String share, Long count, String label, String icon, String color, String colorDark) {
}
