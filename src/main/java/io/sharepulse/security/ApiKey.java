package io.sharepulse.security;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A site's API key. The secret itself is never stored, only its SHA-256. */
@Entity
@Table(name = "api_key")
public class ApiKey extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "site_id", nullable = false)
    public String siteId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String role;

    @Column(name = "secret_hash", nullable = false)
    public byte[] secretHash;

    @Column(name = "rate_limit", nullable = false)
    public int rateLimit;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    /** The key that created this one; null when the operator did. */
    @Column(name = "created_by")
    public String createdBy;
}
