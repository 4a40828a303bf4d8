-- Top posts of a long range without summing every day of it (issue 5: 100,000 posts, 90 days, p95 <= 50 ms).
-- Both tables are derived from click_day and kept in step with it by the rollup, in the transaction that writes
-- the day (ClickHistory.write); this migration builds them from the click_day rows already there.

-- Clicks per post in aligned blocks of 1, 4, 16 and 64 days: a block of N days starts on a day whose number
-- since 2000-01-01 is a multiple of N. Any range is a few blocks (at most 3 of each size at each end), and
-- each block can be read in order of clicks, so the exact top posts are found by reading a short prefix of
-- each (threshold algorithm, PostRanking) instead of every post's every day.
create table click_block (
    site_id   varchar(40) not null,
    post_hash varchar(13) not null,
    days      smallint    not null check (days in (1, 4, 16, 64)),
    start_day date        not null,
    clicks    bigint      not null,
    -- clicks included: looking up a post's blocks reads the index alone
    primary key (site_id, post_hash, days, start_day) include (clicks)
);
-- Sorted access: one block's posts by clicks. The primary key serves random access (one post's blocks).
create index click_block_rank_idx on click_block (site_id, days, start_day, clicks desc, post_hash collate "C");

-- How many posts were clicked on a day for the first time since prev_day (their previous click day;
-- '-infinity' for a post's first click ever). The posts clicked in [from, to] are exactly those with a click
-- day in the range whose previous one is before from, so their number is one sum over the range's days.
create table post_gap (
    site_id  varchar(40) not null,
    day      date        not null,
    prev_day date        not null,
    posts    bigint      not null,
    primary key (site_id, day, prev_day)
);

-- Each post's last click day (closed days only, so never after the rollup mark): a post's previous click day
-- when the rollup writes a newer one, and whether a post Redis counts today was clicked earlier in a range.
create table post_last (
    site_id   varchar(40) not null,
    post_hash varchar(13) not null,
    last_day  date        not null,
    primary key (site_id, post_hash) include (last_day)
);

-- Moves on every write of the rollup (a late day too, which leaves the mark where it is): what the service
-- remembers of post_last for a site is valid while this stays the same (LastClicks).
alter table rollup_state add column version bigint not null default 0;

insert into click_block (site_id, post_hash, days, start_day, clicks)
select c.site_id, c.post_hash, b.days,
       date '2000-01-01' + ((c.day - date '2000-01-01') / b.days) * b.days, sum(c.clicks)
from click_day c cross join (values (1), (4), (16), (64)) b(days)
where c.clicks > 0
group by 1, 2, 3, 4;

insert into post_gap (site_id, day, prev_day, posts)
select site_id, day, coalesce(prev_day, '-infinity'), count(*)
from (select site_id, day, lag(day) over (partition by site_id, post_hash order by day) prev_day
      from (select distinct site_id, day, post_hash from click_day where clicks > 0) clicked) gaps
group by 1, 2, 3;

insert into post_last (site_id, post_hash, last_day)
select site_id, post_hash, max(day) from click_day where clicks > 0 group by 1, 2;
