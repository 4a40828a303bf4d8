'use strict';
// Writes Redis commands for bench/memory.sh on stdout.
//   node bench/memory.js seed   <prefix> <posts> <sha> <day> <dayExpiry> <hourExpiry>   RESP, for redis-cli --pipe
//   node bench/memory.js usage  <prefix> <posts> <day>                                  MEMORY USAGE lines
// Keys follow platform/RedisKeys for a site "mem"; clicks go through the real click script (EVALSHA).
const [mode, prefix, postsArg, ...rest] = process.argv.slice(2);
const posts = Number(postsArg);
const NETWORKS = ['facebook', 'x', 'linkedin', 'reddit', 'bluesky', 'mastodon', 'whatsapp', 'telegram', 'email', 'copy'];
const site = `${prefix}:{mem}:`;
const hashOf = (i) => i.toString(36).padStart(13, '0');
const out = [];
const flush = () => { process.stdout.write(out.join('')); out.length = 0; };
const resp = (...args) => {
  out.push(`*${args.length}\r\n`);
  for (const a of args) out.push(`$${Buffer.byteLength(String(a))}\r\n${a}\r\n`);
  if (out.length > 20000) flush();
};

if (mode === 'seed') {
  const [sha, day, dayExpiry, hourExpiry] = rest;
  const hour = day + '12';
  for (let i = 0; i < posts; i++) {
    const h = hashOf(i);
    resp('HSET', `${site}post:${h}`, 'u', `https://mem.example/posts/${i}`, 't', `Post number ${i}`);
    for (const n of NETWORKS) {
      // The script's 11 keys and 12 arguments (click.lua's header): no dedupe, no cap, a desktop Firefox.
      resp('EVALSHA', sha, 11, `${site}post:${h}`, `${site}dd:-`, `${site}pd:${h}:${day}`, `${site}d:${day}`,
        `${site}h:${hour}`, `${site}top:${day}`, `${site}u:${day}`, `${site}b:${day}`, `${site}rf:${day}`,
        `${site}cc:-:${h}:${n}`, `${site}cx:${day}`,
        n, 'c', `v${i}`, '0', dayExpiry, hourExpiry, h, '', '0', '3600', 'desktop', 'firefox');
    }
  }
} else if (mode === 'usage') {
  const [day] = rest;
  for (let i = 0; i < posts; i++) {
    out.push(`MEMORY USAGE ${site}pd:${hashOf(i)}:${day}\n`);
    if (out.length > 20000) flush();
  }
}
flush();
