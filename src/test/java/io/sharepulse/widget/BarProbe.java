package io.sharepulse.widget;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;

import io.sharepulse.Browser;

/** Reads rendered share bars out of a page (into their shadow roots), as a reader's assistive tech would. */
final class BarProbe {

    /** Per button: tag, network, href, accessible name, rel, target, visible label, count, size, icon hidden. */
    private static final String BUTTONS = """
            const bar = document.querySelectorAll('share-bar')[arguments[0]];
            const els = bar && bar.shadowRoot ? [...bar.shadowRoot.querySelectorAll('a,button')] : [];
            if (!els.length) return null;
            return els.map(e => {
              const r = e.getBoundingClientRect(), c = e.querySelector('small'), s = e.querySelector('svg'),
                l = e.querySelector('span');
              return {tag: e.tagName.toLowerCase(), network: e.classList[0].slice(2), href: e.getAttribute('href'),
                label: e.getAttribute('aria-label'), rel: e.getAttribute('rel'), target: e.getAttribute('target'),
                text: l ? l.textContent : null, count: c ? c.textContent : null, width: r.width, height: r.height,
                top: r.top, left: r.left, iconHidden: s ? s.getAttribute('aria-hidden') : null};
            });""";

    /** Per button: WCAG contrast of label, count and icon against the button, and the button's luminance. */
    private static final String CONTRAST = """
            const lum = c => { const m = c.match(/[\\d.]+/g).slice(0, 3).map(Number).map(v => { v /= 255;
              return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
              return 0.2126 * m[0] + 0.7152 * m[1] + 0.0722 * m[2]; };
            const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
            const bar = document.querySelectorAll('share-bar')[arguments[0]];
            return [...bar.shadowRoot.querySelectorAll('a,button')].map(e => {
              const cs = getComputedStyle(e), bg = cs.backgroundColor, c = e.querySelector('small');
              return {network: e.classList[0].slice(2), text: ratio(cs.color, bg),
                icon: ratio(getComputedStyle(e.querySelector('svg')).fill, bg),
                count: c ? ratio(getComputedStyle(c).color, bg) : null, background: lum(bg)};
            });""";

    /** The element that has keyboard focus, looked for through shadow roots, with its focus ring. */
    static final String FOCUSED = """
            let e = document.activeElement;
            while (e && e.shadowRoot && e.shadowRoot.activeElement) e = e.shadowRoot.activeElement;
            if (!e || e === document.body) return null;
            const cs = getComputedStyle(e);
            return {label: e.getAttribute('aria-label') || e.tagName, outline: cs.outlineStyle,
              outlineWidth: parseFloat(cs.outlineWidth)};""";

    private BarProbe() {
    }

    /** The buttons of the page's {@code index}-th bar, once it has rendered. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> buttons(Browser browser, int index) {
        return Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> (List<Map<String, Object>>) browser.js(BUTTONS, index), b -> b != null);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> contrast(Browser browser, int index) {
        buttons(browser, index);
        return (List<Map<String, Object>>) browser.js(CONTRAST, index);
    }

    static int bars(Browser browser) {
        return ((Number) browser.js("return document.querySelectorAll('share-bar').length")).intValue();
    }
}
