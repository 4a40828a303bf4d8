-- Durable click history, written by the analytics rollup from Redis for each closed UTC day.
-- Values are absolute and only ever raised (greatest()), so re-running the rollup, or running it after Redis
-- lost a day, never changes or lowers what is here.

-- Per post, day and network: top posts, per-post series, CSV export.
create table click_day (
    site_id   varchar(40) not null,
    day       date        not null,
    post_hash varchar(13) not null,
    network   varchar(40) not null,
    clicks    bigint      not null,
    primary key (site_id, day, post_hash, network)
);

-- Per site, day and network: site series without summing every post; bots kept apart from clicks.
create table site_day (
    site_id varchar(40) not null,
    day     date        not null,
    network varchar(40) not null,
    clicks  bigint      not null default 0,
    bots    bigint      not null default 0,
    primary key (site_id, day, network)
);

-- Per site, UTC hour and network: hourly series and days in other time zones, after Redis' 8-day hour buckets.
create table site_hour (
    site_id varchar(40) not null,
    hour    timestamp   not null, -- UTC, truncated to the hour
    network varchar(40) not null,
    clicks  bigint      not null,
    primary key (site_id, hour, network)
);

-- Per site and day: the HyperLogLog estimate of distinct visitors (visitor hashes use a daily salt).
create table site_uniques (
    site_id varchar(40) not null,
    day     date        not null,
    uniques bigint      not null,
    primary key (site_id, day)
);

-- How far each site is rolled up: days up to and including rolled_through are read from these tables.
create table rollup_state (
    site_id        varchar(40) primary key,
    rolled_through date        not null,
    updated_at     timestamptz not null
);
