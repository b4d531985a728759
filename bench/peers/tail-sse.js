// The log streamer of a hundred tutorials: every viewer gets its own `tail -f`, and every chunk that
// tail prints is sent as one server-sent event. Kept exactly that naive on purpose: it is a benchmark peer.
// Usage: node tail-sse.js <port> <logs folder>   (GET /events/<name> follows <logs folder>/<name>.log)
'use strict';

const http = require('http');
const path = require('path');
const { spawn } = require('child_process');

const [port, folder] = process.argv.slice(2);

http.createServer((req, res) => {
  const name = /^\/events\/([A-Za-z0-9._-]+)$/.exec(req.url);
  if (!name) {
    res.writeHead(req.url === '/' ? 200 : 404);
    res.end();
    return;
  }
  const file = path.join(folder, `${name[1]}.log`);
  res.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
  });
  res.flushHeaders();

  const tail = spawn('tail', ['-f', file]);
  tail.stdout.on('data', (chunk) => {
    const lines = chunk.toString().replace(/\n$/, '').split('\n');
    res.write(`data: ${lines.join('\ndata: ')}\n\n`);
  });
  tail.on('error', (err) => {
    console.error(`tail: ${err.message}`);
    res.end();
  });
  req.on('close', () => tail.kill());
}).listen(Number(port), '127.0.0.1', () => console.log(`tail-sse on ${port} following the logs in ${folder}`));
