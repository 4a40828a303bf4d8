package io.sharepulse.share;

import java.util.Locale;

/**
 * The coarse facts of a User-Agent: the device class (mobile, tablet, desktop) and the browser family, kept as
 * counters, never with the click or the reader; and the platform, which with the family is the visitor hash's
 * browser class. A handful of substring checks, on the click path, and
 * deliberately coarse: versions, platforms and models would start to describe a reader.
 */
public final class UserAgents {

    /** What one User-Agent says, read once: a click needs all three. */
    public record Classes(String device, String browser, String platform) {

        /** The visitor hash's browser class, e.g. {@code firefox/windows}. */
        public String browserClass() {
            return browser + "/" + platform;
        }
    }

    private UserAgents() {
    }

    /** Device class, browser family and platform of a User-Agent, lower-cased once. */
    public static Classes of(String userAgent) {
        String ua = lower(userAgent);
        return new Classes(deviceOf(ua), browserOf(ua), platformOf(ua));
    }

    /** mobile, tablet or desktop (an iPad asking for the desktop site says it is a Mac: desktop). */
    public static String device(String userAgent) {
        return deviceOf(lower(userAgent));
    }

    private static String deviceOf(String ua) {
        if (ua.contains("ipad") || ua.contains("tablet") || ua.contains("kindle") || ua.contains("silk/")
                || (ua.contains("android") && !ua.contains("mobile"))) {
            return "tablet";
        }
        if (ua.contains("mobi") || ua.contains("iphone") || ua.contains("ipod") || ua.contains("android")
                || ua.contains("windows phone")) {
            return "mobile";
        }
        return "desktop";
    }

    /** edge, opera, samsung, firefox, chrome, safari or other; the order matters (Edge says Chrome too). */
    public static String browser(String userAgent) {
        return browserOf(lower(userAgent));
    }

    private static String browserOf(String ua) {
        if (ua.contains("edg/") || ua.contains("edga/") || ua.contains("edgios/")) {
            return "edge";
        }
        if (ua.contains("opr/") || ua.contains("opera")) {
            return "opera";
        }
        if (ua.contains("samsungbrowser/")) {
            return "samsung";
        }
        if (ua.contains("firefox/") || ua.contains("fxios/")) {
            return "firefox";
        }
        if (ua.contains("chrome/") || ua.contains("crios/") || ua.contains("chromium/")) {
            return "chrome";
        }
        if (ua.contains("safari/") && ua.contains("version/")) {
            return "safari";
        }
        return "other";
    }

    /**
     * android, ios, windows, chromeos, mac, linux or other: with {@link #browser}, the browser class the visitor hash
     * reads instead of the User-Agent (VisitorHasher), never kept as a counter.
     */
    public static String platform(String userAgent) {
        return platformOf(lower(userAgent));
    }

    private static String platformOf(String ua) {
        if (ua.contains("android")) {
            return "android";
        }
        if (ua.contains("iphone") || ua.contains("ipad") || ua.contains("ipod")) {
            return "ios";
        }
        if (ua.contains("windows")) {
            return "windows";
        }
        if (ua.contains("cros")) {
            return "chromeos";
        }
        if (ua.contains("mac os x")) {
            return "mac";
        }
        if (ua.contains("linux")) {
            return "linux";
        }
        return "other";
    }

    private static String lower(String userAgent) {
        return userAgent == null ? "" : userAgent.toLowerCase(Locale.ROOT);
    }
}
