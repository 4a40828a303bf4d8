-- Share-to-visit attribution (issue 14): the links we hand to a network carry ?sp=<network id>, and a reader who
-- comes back through one is counted as an arrival for (post, network). No reader data: counts only.

-- A site may turn the tag off: its share links are then untagged and no arrivals are counted.
alter table site add column tag_links boolean not null default true;

-- Arrivals per post, day and network (the click_day of arrivals), written by the rollup for each closed UTC day.
create table arrival_day (
    site_id   varchar(40) not null,
    day       date        not null,
    post_hash varchar(13) not null,
    network   varchar(40) not null,
    arrivals  bigint      not null,
    primary key (site_id, day, post_hash, network)
);
create index arrival_day_post_idx on arrival_day (site_id, post_hash, day);

-- Arrivals per site, day and network: site series and the per-network table without summing every post.
create table site_arrival_day (
    site_id  varchar(40) not null,
    day      date        not null,
    network  varchar(40) not null,
    arrivals bigint      not null,
    primary key (site_id, day, network)
);

-- Counted clicks per site and day by device class ('d:mobile', 'd:tablet', 'd:desktop') and browser family
-- ('b:firefox', …), derived from the User-Agent at click time and kept only as these counters.
create table site_context_day (
    site_id varchar(40) not null,
    day     date        not null,
    field   varchar(40) not null,
    clicks  bigint      not null,
    primary key (site_id, day, field)
);
