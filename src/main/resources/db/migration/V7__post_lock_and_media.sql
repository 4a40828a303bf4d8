-- Issue 17 (security review, medium 3): the first registration of a page no longer decides its title and image for
-- good. A site admin may correct both and lock them; a locked post is never removed as unclicked (a registration
-- after its removal would choose them again). Image URLs must be on the site's domains or on its media domains.
alter table post add column locked boolean not null default false;
alter table post add column edited_at timestamptz;

-- Hosts (besides the site's own domains) whose images a post may name, e.g. an image CDN.
alter table site add column media_domains text[] not null default '{}';
