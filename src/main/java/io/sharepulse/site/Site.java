package io.sharepulse.site;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A blog that embeds the share bar. Deleting one keeps the row (ids are never reused) with {@code deletedAt} set. */
@Entity
@Table(name = "site")
public class Site extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> domains;

    @Column(name = "include_subdomains", nullable = false)
    public boolean includeSubdomains;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> networks;

    @Column(nullable = false)
    public String theme;

    @Column(name = "dedupe_seconds", nullable = false)
    public int dedupeSeconds;

    @Column(name = "honour_dnt", nullable = false)
    public boolean honourDnt;

    @Column(name = "min_count", nullable = false)
    public int minCount;

    /** Query parameters that make another page ({@code *}: all but tracking ones); others are dropped. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "query_params", nullable = false, columnDefinition = "text[]")
    public List<String> queryParams;

    /** Hosts besides {@link #domains} whose images a post may name (an image CDN); subdomains included. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "media_domains", nullable = false, columnDefinition = "text[]")
    public List<String> mediaDomains;

    /** Whether the links handed to networks carry the attribution tag ({@code ?sp=<network>}). */
    @Column(name = "tag_links", nullable = false)
    public boolean tagLinks = true;

    public String via;

    public String hashtags;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    @Version
    public long version;
}
