// The /ask page: a conversation about the builds. Each question is posted with the turns before it (`messages`
// in POST /api/answers), its answer's event stream is followed and rendered as it grows, below it. The
// latest answer's id is kept in the URL (/ask?answer=<id>): a reload shows the conversation it was asked
// with, and resumes the answer.

import {EventStream, STOP} from './sse-client.js';

const main = document.querySelector('main.ask');
const form = document.getElementById('ask-form');
const prompt = document.getElementById('prompt');
const promptLabel = document.getElementById('prompt-label');
const job = document.getElementById('job');
const send = document.getElementById('send');
const stop = document.getElementById('stop');
const newConversation = document.getElementById('new-conversation');
const conversation = document.getElementById('conversation');
const data = JSON.parse(document.getElementById('ask-data').textContent);

/** The earlier turns must fit in this many bytes of UTF-8 (the API takes 128 KiB): the oldest go first. */
const MAX_EARLIER_BYTES = 128 * 1024;

let source = null;
/** Turns before the current question, oldest first: {role: 'user' | 'assistant', content}. */
let turns = [];
/** The latest question and its answer: {question, id, text, finished, output, state}. */
let current = null;
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

// the conversation on the page

function element(tag, className, text) {
  const made = document.createElement(tag);
  made.className = className;
  if (text !== undefined) {
    made.textContent = text;
  }
  return made;
}

function questionElement(text) {
  const turn = element('article', 'turn question');
  turn.append(element('p', 'who', 'You'), element('p', 'question-text', text));
  return turn;
}

function answerElement() {
  const turn = element('article', 'turn answer');
  turn.append(element('p', 'who', 'tailboard'), element('div', 'answer-text'), element('p', 'state'));
  return turn;
}

/** Shows an earlier turn. */
function showTurn(turn) {
  if (turn.role === 'user') {
    conversation.appendChild(questionElement(turn.content));
  } else {
    const answer = answerElement();
    answer.querySelector('.answer-text').innerHTML = render(turn.content);
    conversation.appendChild(answer);
  }
}

/** A new question and the place for its answer; the answer before it becomes an earlier turn. */
function startQuestion(question) {
  if (current) {
    current.output.removeAttribute('id');
    current.state.removeAttribute('id');
  }
  conversation.appendChild(questionElement(question));
  const answer = answerElement();
  conversation.appendChild(answer);
  current = {question, id: null, text: '', finished: false,
    output: answer.querySelector('.answer-text'), state: answer.querySelector('.state')};
  current.output.id = 'answer';
  current.state.id = 'state';
  promptLabel.textContent = 'Follow-up';
  prompt.placeholder = 'Ask a follow-up about this';
  newConversation.hidden = false;
  newConversation.href = '/ask' + (job.value ? '?job=' + encodeURIComponent(job.value) : '');
}

function show() {
  renderQueued = false;
  if (current) {
    current.output.innerHTML = render(current.text);
  }
}

function queueRender() {
  if (!renderQueued) {
    renderQueued = true;
    requestAnimationFrame(show);
  }
}

function setState(message, isError) {
  const state = current ? current.state : null;
  if (state) {
    state.textContent = message;
    state.classList.toggle('error', Boolean(isError));
  } else {
    formState(message, isError);
  }
}

/** A message about the form itself (nothing asked yet, or the question was refused). */
function formState(message, isError) {
  let state = form.querySelector('.form-state');
  if (!state) {
    state = element('p', 'state form-state');
    form.appendChild(state);
  }
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
  current.id = id;
  current.text = '';
  show();
  setStreaming(true);
  setState('Thinking…');
  source = new EventStream({
    url: () => '/api/answers/' + encodeURIComponent(id) + '/events',
    events: {
      delta: event => {
        current.text += JSON.parse(event.data).text;
        setState('Answering…');
        queueRender();
      },
      reset: () => {
        current.text = '';
        queueRender();
      },
      end: event => {
        const reason = JSON.parse(event.data).finishReason;
        close();
        show();
        current.finished = true;
        setStreaming(false);
        setState(ENDINGS[reason] || 'Ended.', reason === 'error');
        main.dataset.finish = reason;
      }
    },
    opened: () => setState(current.text ? 'Answering…' : 'Thinking…'),
    lost: () => setState('Connection lost, reconnecting…', true),
    // answers live in the server's memory: one the browser could not reconnect to is gone
    givenUp: async () => {
      source = null;
      current.finished = true;
      setStreaming(false);
      setState('The answer is no longer available.', true);
      return STOP;
    }
  }).open();
}

function utf8Bytes(text) {
  return new TextEncoder().encode(text).length;
}

/** The turns a new question is asked with: every earlier one, less the oldest pairs when they are too long. */
function earlierTurns() {
  const all = current ? turns.concat([{role: 'user', content: current.question},
    {role: 'assistant', content: current.text}]) : turns.slice();
  let bytes = all.reduce((sum, turn) => sum + utf8Bytes(turn.content), 0);
  while (bytes > MAX_EARLIER_BYTES && all.length) {
    bytes -= utf8Bytes(all.shift().content);
  }
  return all;
}

async function ask() {
  const question = prompt.value;
  if (!question.trim()) {
    formState('Type a question first.', true);
    prompt.focus();
    return;
  }
  if (current && !current.finished) {
    return;
  }
  close();
  send.disabled = true;
  formState('Asking…');
  const earlier = earlierTurns();
  try {
    const response = await fetch('/api/answers', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ prompt: question, job: job.value || null, messages: earlier })
    });
    const body = await response.json();
    if (!response.ok) {
      send.disabled = false;
      formState(body.error || ('The server answered ' + response.status), true);
      return;
    }
    formState('');
    delete main.dataset.finish;
    history.pushState(null, '', '/ask?answer=' + encodeURIComponent(body.id));
    turns = earlier;
    startQuestion(question);
    prompt.value = '';
    follow(body.id);
  } catch (error) {
    send.disabled = false;
    formState('Could not reach tailboard: ' + error.message, true);
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
  if (current && current.id) {
    stop.disabled = true;
    fetch('/api/answers/' + encodeURIComponent(current.id) + '/cancel', { method: 'POST' });
  }
});
window.addEventListener('popstate', () => window.location.reload());

// a reload: the conversation the answer was asked with, then the answer itself, resumed
if (data.answer) {
  const asked = data.turns;
  turns = asked.slice(0, -1);
  turns.forEach(showTurn);
  startQuestion(asked.length ? asked[asked.length - 1].content : '');
  follow(data.answer);
}
