package io.sharepulse.widget;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A bar's options, as the widget reads them from {@code data-*} attributes and the fragment from query parameters.
 * Unknown values fall back to the default, as they do in {@code widget.js}.
 *
 * @param networks network ids in the order to show them; null: the site's own list
 * @param theme    light, dark or auto; null: the site's theme
 */
public record BarOptions(List<String> networks, String theme, String layout, String size, boolean counts,
        boolean labels) {

    public static final BarOptions DEFAULTS = new BarOptions(null, null, "horizontal", "m", true, true);

    public static BarOptions of(String networks, String theme, String layout, String size, String counts,
            String labels) {
        List<String> ids = networks == null || networks.isBlank() ? null
                : Arrays.stream(networks.split(",")).map(String::strip).filter(s -> !s.isEmpty()).limit(50).toList();
        return new BarOptions(ids, pick(theme, Set.of("light", "dark", "auto"), null),
                pick(layout, Set.of("horizontal", "vertical"), "horizontal"), pick(size, Set.of("s", "m", "l"), "m"),
                !"off".equals(counts), !"off".equals(labels));
    }

    private static String pick(String value, Set<String> allowed, String fallback) {
        return value != null && allowed.contains(value) ? value : fallback;
    }
}
