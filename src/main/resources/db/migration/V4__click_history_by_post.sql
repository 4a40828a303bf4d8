-- One post's history (its series, and per-network detail of a page of top posts) without scanning the whole
-- site's range: the primary key leads with the day.
create index click_day_post_idx on click_day (site_id, post_hash, day);
