-- Sites and the post registry. Counters live in Redis; daily history arrives with the analytics rollup.

create table site (
    id                 varchar(40)  primary key check (id ~ '^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$'),
    name               varchar(100) not null,
    domains            text[]       not null,
    include_subdomains boolean      not null default false,
    networks           text[]       not null,
    theme              varchar(5)   not null default 'auto' check (theme in ('light', 'dark', 'auto')),
    dedupe_seconds     integer      not null check (dedupe_seconds between 0 and 86400),
    honour_dnt         boolean      not null default true,
    min_count          integer      not null default 0 check (min_count >= 0),
    via                varchar(15),
    hashtags           varchar(520),
    created_at         timestamptz  not null,
    updated_at         timestamptz  not null,
    deleted_at         timestamptz,
    version            bigint       not null default 0
);

create table post (
    id         varchar(60)   primary key,
    site_id    varchar(40)   not null references site (id),
    url        varchar(2048) not null,
    title      varchar(300)  not null default '',
    media      varchar(2048),
    created_at timestamptz   not null
);

create index post_site_idx on post (site_id);
