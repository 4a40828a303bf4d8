package io.sharepulse.site;

/** Fired inside the transaction that created, changed or deleted a site. */
public record SiteChanged(String siteId, boolean deleted) {
}
