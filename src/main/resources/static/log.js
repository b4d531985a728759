// The log viewer: takes over the lines the server rendered, follows the log live from exactly where they
// end, and shows it through a virtual list so that a log of any length keeps a few dozen rows in the DOM.

import {appendStyled, parseLine} from './ansi.js';
import {STATUS_ICONS, formatDuration, formatSize, jobDuration, setBadge, showTime} from './format.js';
import {LineLoader} from './line-loader.js';
import {LiveFeed, isFinal} from './live-feed.js';
import {LogModel} from './log-model.js';
import {LogSearch} from './log-search.js';
import {Viewport} from './viewport.js';

const ANNOTATION = /^(?:\d{4}-\d\d-\d\dT\S+Z )?(?:::|##\[)(error|warning|notice)\b/;
const LINE_HASH = /^#L(\d+)(?:-L?(\d+))?$/;

const page = document.querySelector('.job-page');
const data = JSON.parse(document.getElementById('log-data').textContent);
const jobId = data.job;
const scroller = document.getElementById('log');
const conn = document.getElementById('conn');
const followButton = document.getElementById('follow');
const lineCount = document.getElementById('line-count');
const searchInput = document.getElementById('search-input');
const searchCount = document.getElementById('search-count');

let job = {status: data.status, exitCode: data.exitCode ?? null};
let following = !LINE_HASH.test(location.hash);
let highlight = null;
let size = 0;

const model = new LogModel();
model.addLines(data.line, data.lines);
model.growTo(data.line - 1 + data.lines.length);

scroller.replaceChildren();
scroller.classList.add('virtual');
const emptyNote = document.createElement('p');
emptyNote.className = 'log-empty muted';
emptyNote.textContent = 'No output yet.';
document.getElementById('log-toolbar').hidden = false;

const loader = new LineLoader(jobId, model, () => change(() => {}));
const viewport = new Viewport(scroller, {
  rowCount: () => model.rowCount,
  renderRow,
  onRender: (first, last) => {
    if (last > first) {
      loader.want(model.lineOfRow(first), model.lineOfRow(last - 1));
    }
  },
  // a following view stays at the bottom when the window changes size
  onResize: () => change(() => {}),
});
scroller.appendChild(emptyNote);
const search = new LogSearch(jobId, model, () => {
  searchCount.textContent = search.summary();
  viewport.refresh();
});

// Changes to the model are shown once a frame; while the reader is not following, the line at the top of
// the view stays where it is however rows are added, loaded or folded above or below it.
let anchor = null;
let commitPending = false;

function change(mutate) {
  if (!commitPending) {
    commitPending = true;
    if (!following) {
      const at = viewport.anchor();
      anchor = {line: model.lineOfRow(at.row), offset: at.offset};
    }
    requestAnimationFrame(commit);
  }
  mutate();
}

function commit() {
  commitPending = false;
  viewport.dirty = true;
  if (following) {
    viewport.scrollToBottom();
  } else if (anchor) {
    viewport.restore(model.rowOfLine(anchor.line), anchor.offset);
  } else {
    viewport.flush();
  }
  anchor = null;
  showCounts();
}

function showCounts() {
  emptyNote.hidden = model.total > 0;
  scroller.style.setProperty('--gutter', (Math.max(3, String(model.total).length) + 2) + 'ch');
  lineCount.textContent = model.total.toLocaleString() + (model.total === 1 ? ' line' : ' lines');
}

function renderRow(row) {
  const n = model.lineOfRow(row);
  const element = document.createElement('div');
  element.className = 'line';
  element.dataset.line = n;
  const number = document.createElement('a');
  number.className = 'ln';
  number.href = '#L' + n;
  number.textContent = n;
  const text = document.createElement('span');
  text.className = 'lt';
  element.append(number, text);
  const raw = model.text(n);
  if (raw === undefined) {
    element.classList.add('pending');
    return element;
  }
  const depth = model.depthOf(n);
  if (depth) {
    text.style.setProperty('--depth', depth);
  }
  let shown = parseLine(raw);
  const group = model.group(n);
  if (group) {
    shown = groupTitle(group, shown);
    const folded = model.isFolded(group);
    element.classList.add('group');
    element.classList.toggle('folded', folded);
    const fold = document.createElement('button');
    fold.type = 'button';
    fold.className = 'fold';
    fold.setAttribute('aria-expanded', String(!folded));
    fold.setAttribute('aria-label', (folded ? 'Expand ' : 'Collapse ') + 'group');
    text.appendChild(fold);
  } else {
    const annotation = ANNOTATION.exec(shown.text);
    if (annotation) {
      element.classList.add('annotation-' + annotation[1]);
    }
  }
  appendStyled(text, shown.text, shown.runs, search.ranges(shown.text));
  if (group && group.duration !== null) {
    const duration = document.createElement('span');
    duration.className = 'duration';
    duration.textContent = formatDuration(group.duration);
    element.appendChild(duration);
  }
  if (highlight && n >= highlight.from && n <= highlight.to) {
    element.classList.add('highlight');
  }
  if (search.isMatch(n)) {
    element.classList.add(n === search.currentLine() ? 'match-current' : 'match');
  }
  return element;
}

/** A group header shows its name: the text after `::group::`, or a GitLab section's own heading. */
function groupTitle(group, shown) {
  const from = group.marker.titleFrom;
  if (group.marker.flavour === 'gitlab' && (!shown.text.trim() || shown.text.includes('section_start:'))) {
    const name = group.marker.name;
    return {text: name, runs: [{start: 0, end: name.length, style: null}]};
  }
  if (!from) {
    return shown;
  }
  const runs = shown.runs.filter(run => run.end > from)
      .map(run => ({start: Math.max(0, run.start - from), end: run.end - from, style: run.style}));
  return {text: shown.text.substring(from), runs};
}

// following

function setFollowing(value) {
  following = value;
  followButton.setAttribute('aria-pressed', String(value));
}

// only the reader's own scrolling starts or stops following, also while a change waits to be shown
scroller.addEventListener('scroll', () => {
  if (viewport.movedByReader()) {
    setFollowing(viewport.atBottom());
  }
}, {passive: true});

followButton.addEventListener('click', () => {
  setFollowing(true);
  viewport.scrollToBottom();
});

// line links: #L<n> or #L<a>-L<b>, shift-click for a range

function parseHash() {
  const m = LINE_HASH.exec(location.hash);
  if (!m) {
    return null;
  }
  const a = Number(m[1]);
  const b = m[2] ? Number(m[2]) : a;
  return {from: Math.min(a, b), to: Math.max(a, b)};
}

async function reveal(n, align) {
  setFollowing(false);
  anchor = null; // a change waiting to be shown must not put the view back where it was
  const line = Math.max(1, Math.min(n, model.total));
  if (!model.total) {
    return;
  }
  model.unfoldAround(line);
  viewport.dirty = true;
  viewport.scrollToRow(model.rowOfLine(line), align);
  if (model.text(line) === undefined) {
    await loader.ensure(line);
    viewport.dirty = true;
    viewport.scrollToRow(model.rowOfLine(line), align);
  }
}

function showHash(align) {
  highlight = parseHash();
  viewport.dirty = true;
  if (highlight) {
    reveal(highlight.from, align);
  } else {
    viewport.flush();
  }
}

window.addEventListener('hashchange', () => showHash('nearest'));

scroller.addEventListener('click', event => {
  const number = event.target.closest('.ln');
  if (number) {
    if (event.shiftKey && highlight) {
      event.preventDefault();
      const n = Number(number.closest('.line').dataset.line);
      location.hash = '#L' + Math.min(highlight.from, n) + '-L' + Math.max(highlight.from, n);
    }
    return;
  }
  const header = event.target.closest('.line.group');
  if (header && !window.getSelection().toString()) {
    const group = model.group(Number(header.dataset.line));
    if (group) {
      change(() => model.setFolded(group.start, !model.isFolded(group)));
    }
  }
});

// search

searchInput.addEventListener('input', () => search.set(searchInput.value.trim()));

document.getElementById('search').addEventListener('submit', event => event.preventDefault());

searchInput.addEventListener('keydown', event => {
  if (event.key === 'Enter') {
    event.preventDefault();
    stepSearch(event.shiftKey ? -1 : 1);
  } else if (event.key === 'Escape') {
    searchInput.value = '';
    search.set('');
    scroller.focus();
  }
});

document.getElementById('search-next').addEventListener('click', () => stepSearch(1));
document.getElementById('search-prev').addEventListener('click', () => stepSearch(-1));

async function stepSearch(direction) {
  const query = searchInput.value.trim();
  if (query !== search.query || search.pending) {
    await search.set(query, true);
  }
  const top = viewport.first === undefined ? 1 : model.lineOfRow(viewport.first);
  const line = search.step(direction, top);
  if (line) {
    await reveal(line, 'center');
  }
}

document.addEventListener('keydown', event => {
  const typing = event.target.closest('input, textarea, select, [contenteditable]');
  if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
    event.preventDefault();
    searchInput.focus();
    searchInput.select();
  }
});

// the job header and the connection state

const facts = name => page.querySelector('[data-fact="' + name + '"]');

function showFact(name, value, show = value !== null && value !== undefined && value !== '') {
  const fact = facts(name);
  fact.hidden = !show;
  if (show) {
    const target = fact.querySelector('time') || fact.querySelector('dd');
    if (target.tagName === 'TIME') {
      showTime(target, value);
    } else {
      target.textContent = value;
    }
  }
}

// the tab's title starts with the status symbol, so that a finished build shows in a background tab
const title = document.title.substring(document.title.indexOf(' ') + 1);

function showJob() {
  setBadge(document.getElementById('job-badge'), job.status);
  document.title = (STATUS_ICONS[job.status] || '?') + ' ' + title;
  if (job.id) {
    showFact('started', job.startedAt);
    showFact('finished', job.finishedAt);
    showFact('updated', job.updatedAt);
  }
  showFact('exit', job.exitCode);
  const duration = jobDuration(job);
  showFact('duration', duration === null ? null : formatDuration(duration));
  if (size) {
    showFact('size', formatSize(size));
  }
}

async function refreshJob() {
  try {
    const response = await fetch('/api/jobs/' + jobId, {headers: {Accept: 'application/json'}});
    if (response.ok) {
      job = await response.json();
      size = Math.max(size, job.size);
      showJob();
    }
  } catch (e) {
    // the header keeps what it shows; the feed reports the connection
  }
}

function showState(state) {
  conn.dataset.state = state;
  if (state === 'ended') {
    conn.textContent = 'ended: ' + job.status + (job.exitCode !== null && job.exitCode !== undefined
        ? ' (exit ' + job.exitCode + ')' : '');
  } else {
    conn.textContent = {connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting…',
      gone: 'job removed'}[state];
  }
}

const feed = new LiveFeed(jobId, data.next, {
  lines(first, texts) {
    change(() => model.addLines(first, texts));
    search.onLines(first, texts);
    size = Math.max(size, Number(feed.cursor));
  },
  status(status, exitCode) {
    job = Object.assign({}, job, {status, exitCode: exitCode ?? null});
    showJob();
    refreshJob();
  },
  end(status, exitCode) {
    job = Object.assign({}, job, {status, exitCode: exitCode ?? null});
    showJob();
    showState('ended');
    refreshJob();
  },
  reset() {
    change(() => {
      model.clear();
      loader.clear();
    });
    search.set(search.query, true);
  },
  state: showState,
});

setInterval(() => {
  if (!isFinal(job.status)) {
    showJob();
  }
}, 1000);

// start: show the rendered lines at the bottom (or the line the address names), then go live

showCounts();
viewport.flush();
if (following) {
  viewport.scrollToBottom();
}
showHash('center');
const initialQuery = new URLSearchParams(location.search).get('q');
if (initialQuery) {
  searchInput.value = initialQuery;
  search.set(initialQuery, true);
}
refreshJob();
feed.start();
