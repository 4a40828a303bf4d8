package io.sharepulse.share;

import java.util.List;

/**
 * The share API's answer: everything a bar needs in one document (DESIGN.md §3 contract).
 *
 * @param theme the site's theme ({@code light}, {@code dark}, {@code auto}): a bar's default when its page sets none
 */
public record ShareDocument(String post, String url, String title, Long total, String theme, List<ShareLink> links) {
}
