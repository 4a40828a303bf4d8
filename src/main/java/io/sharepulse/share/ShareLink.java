package io.sharepulse.share;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One button of a post's bar.
 *
 * @param href      our counted redirect (null for widget actions such as copy)
 * @param share     the network's own share URL, for a page that wants to link directly; null for actions and for
 *                  retired networks without successor
 * @param count     all-time clicks, or null where the site hides small counts
 * @param successor where a retired network's clicks go
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShareLink(String network, String name, String kind, String status, String successor, String href,
        String share, Long count) {
}
