package io.sharepulse.share;

/**
 * What counting needs to know of the reader, and no more: nothing of it is stored. Read from a request by
 * {@link Visits#read}.
 *
 * @param clientIp   the reader's address, past the trusted proxies
 * @param userAgent  as sent (null when the request had none: a script, counted as a bot)
 * @param doNotTrack DNT: 1 or Sec-GPC: 1 was sent
 * @param prefetch   a speculative load, not a click
 * @param headOnly   a HEAD request (link checkers): answer, count nothing
 * @param navigation the browser did not say it was anything but a navigation to a document (Fetch Metadata:
 *                   {@code Sec-Fetch-Dest} absent or {@code document}, {@code Sec-Fetch-Mode} absent or
 *                   {@code navigate}); browsers without Fetch Metadata are taken at their word
 * @param origin     the {@code Origin} header as sent, or null
 */
public record Visit(String clientIp, String userAgent, boolean doNotTrack, boolean prefetch, boolean headOnly,
        boolean navigation, String origin) {

    public Visit(String clientIp, String userAgent, boolean doNotTrack, boolean prefetch, boolean headOnly) {
        this(clientIp, userAgent, doNotTrack, prefetch, headOnly, true, null);
    }
}
