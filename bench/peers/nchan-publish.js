// Feeds logs into nchan as a user would wire it: `tail -F` of the logs, each piece of a log POSTed to its
// channel's publish endpoint (the channel is the log's file name without .log), in order per log.
// One `tail` for all the logs (one inotify instance, as `tail -F a.log b.log …` does).
// Usage: node nchan-publish.js <port> <log file>...
'use strict';

const http = require('http');
const path = require('path');
const { spawn } = require('child_process');

const [port, ...files] = process.argv.slice(2);
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
const queues = new Map();

function publish(channel, text) {
  let queue = queues.get(channel);
  if (!queue) {
    queue = { pieces: [], busy: false };
    queues.set(channel, queue);
  }
  queue.pieces.push(text);
  if (!queue.busy) {
    next(channel, queue);
  }
}

// one POST at a time per channel, so that its messages keep the log's order; what waits goes in one POST
function next(channel, queue) {
  if (queue.pieces.length === 0) {
    queue.busy = false;
    return;
  }
  queue.busy = true;
  const body = queue.pieces.join('\n');
  queue.pieces = [];
  const request = http.request({ host: '127.0.0.1', port, path: `/pub/${channel}`, method: 'POST', agent,
    headers: { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(body) } }, (response) => {
    response.resume();
    response.on('end', () => next(channel, queue));
  });
  request.on('error', (err) => {
    console.error(`publish ${channel}: ${err.message}`);
    next(channel, queue);
  });
  request.end(body);
}

const channelOf = (file) => path.basename(file).replace(/\.log$/, '');
const tail = spawn('tail', ['-n', '0', '-v', '-F', ...files]);
let current = channelOf(files[0]);
let rest = '';
tail.stdout.setEncoding('utf8');
tail.stdout.on('data', (data) => {
  const lines = (rest + data).split('\n');
  rest = lines.pop();
  const pieces = new Map();
  for (const line of lines) {
    const header = /^==> (.*) <==$/.exec(line);
    if (header) {
      current = channelOf(header[1]);
    } else if (line.length > 0) {
      if (!pieces.has(current)) {
        pieces.set(current, []);
      }
      pieces.get(current).push(line);
    }
  }
  for (const [channel, text] of pieces) {
    publish(channel, text.join('\n'));
  }
});
tail.stderr.on('data', (data) => process.stderr.write(data));
console.log(`nchan-publish: ${files.length} log(s) into 127.0.0.1:${port}`);
