package io.sharepulse.share;

import java.util.List;

/** The share API's answer: everything a bar needs in one document (DESIGN.md §3 contract). */
public record ShareDocument(String post, String url, String title, Long total, List<ShareLink> links) {
}
