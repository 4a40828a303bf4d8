-- Issue 17 (security review): unclicked posts expire, keys record who made them, sites say which query
-- parameters mean a different page.

-- When Redis last got the post (registered, registered again after it expired unclicked, put back after a loss).
-- A post nobody clicked is removed by the rollup once seeded_at + the unclicked-post lifetime lies in a rolled-up
-- day (its Redis hash has expired by then, and a click would be in post_last).
alter table post add column seeded_at timestamptz;
update post set seeded_at = created_at;
alter table post alter column seeded_at set not null;
create index post_site_seeded_idx on post (site_id, seeded_at);

-- The key that created this one; null when the operator did. Revoking a key may revoke what it created.
alter table api_key add column created_by varchar(24) references api_key (id);
create index api_key_created_by_idx on api_key (created_by);

-- Query parameters that make a different page of the site (e.g. {p,id}); every other one is dropped from the
-- canonical URL. {*} keeps every parameter but tracking ones, as all sites did before: the sites that exist now
-- get it, so their pages keep their post ids. New sites get an empty list (drop all) unless they name some.
alter table site add column query_params text[] not null default '{}';
update site set query_params = '{*}';
