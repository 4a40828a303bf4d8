package io.sharepulse.post;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A shared page of a site: the system of record behind the Redis post hash. */
@Entity
@Table(name = "post")
public class Post extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "site_id", nullable = false)
    public String siteId;

    @Column(nullable = false)
    public String url;

    @Column(nullable = false)
    public String title;

    public String media;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** When Redis last got this post (registered, registered again after it expired unclicked, put back). */
    @Column(name = "seeded_at", nullable = false)
    public Instant seededAt;

    /** A site admin set the title and image ({@link PostRegistry#edit}); registrations never change them. */
    @Column(nullable = false)
    public boolean locked;

    /** When a site admin last changed the title or image; null when never. */
    @Column(name = "edited_at")
    public Instant editedAt;

    public PostTarget target() {
        return new PostTarget(url, title, media);
    }
}
