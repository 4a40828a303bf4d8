package io.sharepulse.share;

import java.util.Map;

/**
 * The share API's lean answer ({@code view=counts}), what {@code widget.js} asks for on every page view: the post
 * and its visible counts; the buttons come from the site's bar at {@code bar}, cached by the browser.
 *
 * @param counts network id → all-time clicks, only networks of the site's bar with a visible count
 * @param bar    the path of the site's bar document (versioned, immutable)
 */
public record ShareCounts(String post, String url, String title, Long total, Map<String, Long> counts, String bar) {
}
