package io.sharepulse.post;

/**
 * Where a post points: its page, its title and its image ({@code media}, null when it has none). All a share link
 * or a redirect needs of a post, and what analytics shows beside a post's clicks.
 */
public record PostTarget(String url, String title, String media) {
}
