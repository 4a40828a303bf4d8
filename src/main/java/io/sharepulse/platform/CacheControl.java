package io.sharepulse.platform;

/** Cache-Control values shared by what we serve under a content-versioned URL. */
public final class CacheControl {

    /** A URL whose version names its content: kept a year, never revalidated. */
    public static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private CacheControl() {
    }
}
