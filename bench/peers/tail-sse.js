// The log streamer of a hundred tutorials: every viewer gets its own `tail -f`, and every chunk that
// tail prints is sent as one server-sent event. Kept exactly that naive on purpose: it is a benchmark peer.
// Usage: node tail-sse.js <port> <log file>
'use strict';

const http = require('http');
const { spawn } = require('child_process');

const [port, file] = process.argv.slice(2);

http.createServer((req, res) => {
  if (!req.url.startsWith('/events')) {
    res.writeHead(404);
    res.end();
    return;
  }
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
}).listen(Number(port), '127.0.0.1', () => console.log(`tail-sse on ${port} following ${file}`));
