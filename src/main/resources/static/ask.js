// The /ask page: posts a prompt, follows the answer's event stream and renders it as it grows.
// The answer's id is kept in the URL (/ask?answer=<id>) so that a reload resumes the same answer.

import {EventStream, STOP} from './sse-client.js';

const main = document.querySelector('main.ask');
const form = document.getElementById('ask-form');
const prompt = document.getElementById('prompt');
const job = document.getElementById('job');
const send = document.getElementById('send');
const stop = document.getElementById('stop');
const output = document.getElementById('answer');
const state = document.getElementById('state');

let source = null;
let answerId = null;
let text = '';
let renderQueued = false;

const ENDINGS = { stop: 'Done.', cancelled: 'Stopped.', error: 'The answer failed.' };

function escapeHtml(value) {
  return value.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

// Links may only go to this site or to http(s): never javascript: or data:.
function safeUrl(url) {
  return /^(\/(?!\/)|#|https?:\/\/)/i.test(url) ? url : null;
}

// Inline Markdown: backslash escapes, code spans, links, **bold**. Everything else is text, escaped.
function inline(source) {
  let html = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === '\\' && i + 1 < source.length && /[!-\/:-@\[-`{-~]/.test(source[i + 1])) {
      html += escapeHtml(source[i + 1]);
      i += 2;
      continue;
    }
    if (c === '`') {
      const fence = /^`+/.exec(source.slice(i))[0];
      const close = findFence(source, i + fence.length, fence.length);
      if (close >= 0) {
        let code = source.slice(i + fence.length, close);
        if (code.length > 1 && code.startsWith(' ') && code.endsWith(' ')) {
          code = code.slice(1, -1);
        }
        html += '<code>' + escapeHtml(code) + '</code>';
        i = close + fence.length;
        continue;
      }
      html += escapeHtml(fence);
      i += fence.length;
      continue;
    }
    if (c === '[') {
      const link = /^\[((?:\\.|[^\]\\])*)\]\(([^()\s]+)\)/.exec(source.slice(i));
      const url = link && safeUrl(link[2]);
      if (url) {
        html += '<a href="' + escapeHtml(url) + '">' + inline(link[1]) + '</a>';
        i += link[0].length;
        continue;
      }
    }
    if (source.startsWith('**', i)) {
      const close = source.indexOf('**', i + 2);
      if (close > i + 2) {
        html += '<strong>' + inline(source.slice(i + 2, close)) + '</strong>';
        i = close + 2;
        continue;
      }
    }
    html += escapeHtml(c);
    i += 1;
  }
  return html;
}

// The start of the next run of exactly `length` backticks at or after `from`, or -1.
function findFence(source, from, length) {
  const runs = /`+/g;
  runs.lastIndex = from;
  let run;
  while ((run = runs.exec(source)) !== null) {
    if (run[0].length === length) {
      return run.index;
    }
  }
  return -1;
}

// Block Markdown: fenced code, lists, headings, paragraphs. An unfinished block (still streaming) renders as far as it goes.
function render(markdown) {
  const lines = markdown.split('\n');
  const blocks = [];
  let paragraph = [];
  let list = null;
  const endParagraph = () => {
    if (paragraph.length) {
      blocks.push('<p>' + paragraph.map(inline).join(' ') + '</p>');
      paragraph = [];
    }
  };
  const endList = () => {
    if (list) {
      blocks.push('<' + list.tag + '>' + list.items.map(item => '<li>' + inline(item) + '</li>').join('') + '</' + list.tag + '>');
      list = null;
    }
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = /^(`{3,})[^`]*$/.exec(line);
    if (fence) {
      endParagraph();
      endList();
      const code = [];
      let j = i + 1;
      while (j < lines.length && !(new RegExp('^`{' + fence[1].length + ',}\\s*$').test(lines[j]))) {
        code.push(lines[j]);
        j++;
      }
      blocks.push('<pre><code>' + escapeHtml(code.join('\n')) + '</code></pre>');
      i = j;
      continue;
    }
    const item = /^\s*([-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (item) {
      endParagraph();
      const tag = /\d/.test(item[1]) ? 'ol' : 'ul';
      if (list && list.tag !== tag) {
        endList();
      }
      list = list || { tag, items: [] };
      list.items.push(item[2]);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      endParagraph();
      endList();
      const level = Math.min(6, heading[1].length + 2);
      blocks.push('<h' + level + '>' + inline(heading[2]) + '</h' + level + '>');
      continue;
    }
    if (line.trim() === '') {
      endParagraph();
      endList();
      continue;
    }
    if (list && /^\s+\S/.test(line)) {
      list.items[list.items.length - 1] += ' ' + line.trim();
      continue;
    }
    endList();
    paragraph.push(line);
  }
  endParagraph();
  endList();
  return blocks.join('\n');
}

function show() {
  renderQueued = false;
  output.innerHTML = render(text);
}

function queueRender() {
  if (!renderQueued) {
    renderQueued = true;
    requestAnimationFrame(show);
  }
}

function setState(message, isError) {
  state.textContent = message;
  state.classList.toggle('error', Boolean(isError));
}

function setStreaming(streaming) {
  stop.hidden = !streaming;
  stop.disabled = false;
  send.disabled = streaming;
}

function close() {
  if (source) {
    source.close();
    source = null;
  }
}

function follow(id) {
  close();
  answerId = id;
  text = '';
  show();
  setStreaming(true);
  setState('Thinking…');
  source = new EventStream({
    url: () => '/api/answers/' + encodeURIComponent(id) + '/events',
    events: {
      delta: event => {
        text += JSON.parse(event.data).text;
        setState('Answering…');
        queueRender();
      },
      reset: () => {
        text = '';
        queueRender();
      },
      end: event => {
        const reason = JSON.parse(event.data).finishReason;
        close();
        show();
        setStreaming(false);
        setState(ENDINGS[reason] || 'Ended.', reason === 'error');
        main.dataset.finish = reason;
      }
    },
    opened: () => setState(text ? 'Answering…' : 'Thinking…'),
    lost: () => setState('Connection lost, reconnecting…', true),
    // answers live in the server's memory: one the browser could not reconnect to is gone
    givenUp: async () => {
      source = null;
      setStreaming(false);
      setState('The answer is no longer available.', true);
      return STOP;
    }
  }).open();
}

async function ask() {
  const question = prompt.value;
  if (!question.trim()) {
    setState('Type a question first.', true);
    prompt.focus();
    return;
  }
  close();
  send.disabled = true;
  setState('Asking…');
  try {
    const response = await fetch('/api/answers', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ prompt: question, job: job.value || null })
    });
    const body = await response.json();
    if (!response.ok) {
      send.disabled = false;
      setState(body.error || ('The server answered ' + response.status), true);
      return;
    }
    delete main.dataset.finish;
    history.pushState(null, '', '/ask?answer=' + encodeURIComponent(body.id));
    follow(body.id);
  } catch (error) {
    send.disabled = false;
    setState('Could not reach tailboard: ' + error.message, true);
  }
}

prompt.addEventListener('keydown', event => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    if (!send.disabled) {
      ask();
    }
  }
});
form.addEventListener('submit', event => {
  event.preventDefault();
  ask();
});
stop.addEventListener('click', () => {
  if (answerId) {
    stop.disabled = true;
    fetch('/api/answers/' + encodeURIComponent(answerId) + '/cancel', { method: 'POST' });
  }
});
window.addEventListener('popstate', () => window.location.reload());

if (main.dataset.answer) {
  follow(main.dataset.answer);
}
