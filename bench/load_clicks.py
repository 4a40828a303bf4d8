#!/usr/bin/env python3
"""Bulk loader for the analytics benchmark.

Writes what the real click path writes, without 2.7 million HTTP requests:
  * PostgreSQL `post` rows (as the share API registers them), ids derived exactly as PostId.derive does;
  * Redis, per day, the keys of redis/click.lua: post hash counts, per post per day hash (pd), per site per
    day hash (d), per site per hour hash (h), top-posts zset (top), uniques HyperLogLog (u), bots hash (b).
Hour keys get a one-day expiry instead of the real eight days after their hour, as if the rollup had been
running daily (it would have copied them to PostgreSQL long before they expired).

Clicks are a long tail, as on a real site: most posts get no click on a given day.
  * Evergreen (80 % of a day's clicks): Zipf with exponent 1.1 over the older posts, by a popularity rank
    that is a fixed random permutation of the posts (so rank is unrelated to id or hash order).
  * Fresh (20 %): the site publishes FRESH_PER_DAY posts a day during the window (the newest posts); each
    gets clicks for 7 days after publication, weighted 1/(age+1)^2 and Zipf(1.1) among the day's batch, so
    the daily top changes and some posts trend for a few days only.
  * Network of each click: a fixed mix (reddit 30, bluesky 20, x 15, mastodon 10, linkedin 8, email 7,
    copy 6, whatsapp 4).
At 100,000 posts and 30,000 clicks a day this gives about 6,200 distinct posts a day, 85 % of the posts
clicked at least once in 90 days, and the top post gets about 11 % of the clicks (the loader prints these).

Usage: load_clicks.py SITE POSTS DAYS CLICKS_PER_DAY KEY_PREFIX POST_CSV REDIS_PROTOCOL_FILE
"""
import hashlib
import random
import sys
import time
from datetime import date, datetime, timedelta, timezone

BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
FRESH_PER_DAY = 20
NETWORKS = [("reddit", 30), ("bluesky", 20), ("x", 15), ("mastodon", 10), ("linkedin", 8), ("email", 7),
            ("copy", 6), ("whatsapp", 4)]


def post_hash(site, url):
    # Hashing.sha256(byte[]...) ends each part with a NUL byte.
    digest = hashlib.sha256((site + "\n" + url).encode() + b"\0").digest()
    value = int.from_bytes(digest, "big") >> (len(digest) * 8 - 72)
    out = []
    for _ in range(13):
        value, r = divmod(value, 62)
        out.append(BASE62[r])
    return "".join(reversed(out))


def resp(*args):
    parts = ["*%d\r\n" % len(args)]
    for a in args:
        b = str(a).encode()
        parts.append("$%d\r\n" % len(b))
        parts.append(b.decode() + "\r\n")
    return "".join(parts)


def main():
    site, posts, days, per_day, prefix, post_csv, proto = sys.argv[1:8]
    posts, days, per_day = int(posts), int(days), int(per_day)
    rnd = random.Random(42)
    tag = "%s:{%s}:" % (prefix, site)
    hashes = []
    now = datetime.now(timezone.utc)
    with open(post_csv, "w") as csv:
        for i in range(posts):
            url = "https://bench.example/%d/post-%05d" % (2000 + i % 25, i)
            h = post_hash(site, url)
            hashes.append(h)
            csv.write("%s.%s,%s,%s,Post number %d,%s\n" % (site, h, site, url, i, now.isoformat()))
    fresh_per_day = max(1, min(FRESH_PER_DAY, posts // (4 * days)))
    fresh_total = fresh_per_day * days
    older = posts - fresh_total  # posts 0..older-1 were published before the window
    rank = list(range(older))
    rnd.shuffle(rank)  # rank[r] = the post at popularity rank r
    cumulative = []
    total = 0.0
    for r in range(older):
        total += 1.0 / (r + 1) ** 1.1
        cumulative.append(total)
    net_names = [n for n, _ in NETWORKS]
    net_weights = [w for _, w in NETWORKS]
    today = now.date()
    all_time = {}
    daily_posts = 0
    retention = 400 * 86400
    hour_expiry = int(time.time()) + 86400
    with open(proto, "w") as out:
        for i, h in enumerate(hashes):
            url = "https://bench.example/%d/post-%05d" % (2000 + i % 25, i)
            out.write(resp("HSET", tag + "post:" + h, "u", url, "t", "Post number %d" % i))
        for d in range(days - 1, -1, -1):
            day = today - timedelta(days=d)
            ymd = day.strftime("%Y%m%d")
            day_expiry = int(datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp()) + 86400 + retention
            # Today is partial: only the hours so far.
            hours = now.hour + 1 if d == 0 else 24
            n = per_day * hours // 24
            n_fresh = n // 5
            picks = [rank[r] for r in rnd.choices(range(older), cum_weights=cumulative, k=n - n_fresh)]
            # Fresh: posts published on window day w (0 = first) are older + w * fresh_per_day + j.
            w_today = days - 1 - d
            fresh, fresh_w = [], []
            for age in range(7):
                w = w_today - age
                if w < 0:
                    break
                for j in range(fresh_per_day):
                    fresh.append(older + w * fresh_per_day + j)
                    fresh_w.append(1.0 / (age + 1) ** 2 / (j + 1) ** 1.1)
            picks += rnd.choices(fresh, weights=fresh_w, k=n_fresh)
            nets = rnd.choices(net_names, weights=net_weights, k=n)
            hour_of = [rnd.randrange(hours) for _ in range(n)]
            per_post = {}
            per_site = {}
            per_hour = {}
            for p, net, hr in zip(picks, nets, hour_of):
                key = (p, net)
                per_post[key] = per_post.get(key, 0) + 1
                per_site[net] = per_site.get(net, 0) + 1
                per_hour[(hr, net)] = per_hour.get((hr, net), 0) + 1
            top = {}
            daily_posts += len(set(picks))
            for (p, net), c in per_post.items():
                out.write(resp("HSET", "%spd:%s:%s" % (tag, hashes[p], ymd), net, c))
                top[p] = top.get(p, 0) + c
                all_time[(p, net)] = all_time.get((p, net), 0) + c
            for p in top:
                out.write(resp("EXPIREAT", "%spd:%s:%s" % (tag, hashes[p], ymd), day_expiry))
            for chunk in range(0, len(top), 500):
                items = list(top.items())[chunk:chunk + 500]
                args = []
                for p, c in items:
                    args += [c, hashes[p]]
                out.write(resp("ZADD", tag + "top:" + ymd, *args))
            out.write(resp("EXPIREAT", tag + "top:" + ymd, day_expiry))
            args = []
            for net, c in per_site.items():
                args += [net, c]
            out.write(resp("HSET", tag + "d:" + ymd, *args))
            out.write(resp("EXPIREAT", tag + "d:" + ymd, day_expiry))
            for (hr, net), c in per_hour.items():
                out.write(resp("HSET", "%sh:%s%02d" % (tag, ymd, hr), net, c))
            for hr in range(hours):
                out.write(resp("EXPIREAT", "%sh:%s%02d" % (tag, ymd, hr), hour_expiry))
            out.write(resp("HSET", tag + "b:" + ymd, "reddit", n // 50, "x", n // 80))
            out.write(resp("EXPIREAT", tag + "b:" + ymd, day_expiry))
            # About two clicks per visitor: visitor hashes are per day (the salt rotates daily).
            visitors = ["v%s-%d" % (ymd, v) for v in range(max(1, n // 2))]
            for chunk in range(0, len(visitors), 1000):
                out.write(resp("PFADD", tag + "u:" + ymd, *visitors[chunk:chunk + 1000]))
            out.write(resp("EXPIREAT", tag + "u:" + ymd, day_expiry))
        for (p, net), c in all_time.items():
            out.write(resp("HINCRBY", tag + "post:" + hashes[p], "c:" + net, c))
    per_post_total = {}
    for (p, net), c in all_time.items():
        per_post_total[p] = per_post_total.get(p, 0) + c
    clicks = sum(per_post_total.values())
    print("posts=%d days=%d clicks/day=%d: %d clicks, %.0f distinct posts a day, %d posts clicked at least once, "
          "top post %.1f %% of clicks" % (posts, days, per_day, clicks, daily_posts / days, len(per_post_total),
                                          100.0 * max(per_post_total.values()) / clicks))


if __name__ == "__main__":
    main()
