'use strict';
// The baseline for bench/run.sh: the simplest counted redirect anyone could write. One Node.js http server,
// one Redis connection, one HINCRBY per request, then 302. No dedupe, no bot check, no buckets, no TTLs.
// Plain RESP over a socket so it needs no npm package.
//   PORT=18190 REDIS_PORT=6379 node bench/baseline/server.js
const http = require('http');
const net = require('net');

const port = Number(process.env.PORT || 18190);
const redis = net.createConnection({ host: '127.0.0.1', port: Number(process.env.REDIS_PORT || 6379) });
redis.setNoDelay(true);

const pending = [];
let buffered = '';
redis.on('data', (chunk) => {
  buffered += chunk.toString('latin1');
  let end;
  while ((end = buffered.indexOf('\r\n')) >= 0) {
    const line = buffered.slice(0, end);
    buffered = buffered.slice(end + 2);
    pending.shift()(line[0] === '-' ? new Error(line) : null); // HINCRBY answers one line: ":<n>" or "-ERR"
  }
});

function bulk(s) {
  return `$${Buffer.byteLength(s)}\r\n${s}\r\n`;
}

function hincrby(key, field, done) {
  pending.push(done);
  redis.write(`*4\r\n$7\r\nHINCRBY\r\n${bulk(key)}${bulk(field)}$1\r\n1\r\n`);
}

http.createServer((req, res) => {
  const [, s, post, network] = req.url.split('/');
  if (s !== 's' || !post || !network) {
    res.writeHead(404).end();
    return;
  }
  hincrby(`baseline:post:${post}`, network, (err) => {
    if (err) {
      res.writeHead(500).end();
      return;
    }
    res.writeHead(302, {
      Location: `https://www.reddit.com/submit?url=${encodeURIComponent('https://blog.example/' + post)}`,
      'Cache-Control': 'no-store',
    }).end();
  });
}).listen(port, '127.0.0.1');
