-- Per-site API keys. Only a SHA-256 of the secret is stored: the secret is shown once, at creation.
-- Secrets are 256 random bits, so a fast hash is enough (nothing to brute-force); the id is public and indexed.

create table api_key (
    id           varchar(24)  primary key,
    site_id      varchar(40)  not null references site (id),
    name         varchar(100) not null,
    role         varchar(5)   not null check (role in ('read', 'admin')),
    secret_hash  bytea        not null,
    rate_limit   integer      not null check (rate_limit > 0),
    created_at   timestamptz  not null,
    last_used_at timestamptz,
    revoked_at   timestamptz
);

create index api_key_site_idx on api_key (site_id);
