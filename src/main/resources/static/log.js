// The log viewer: takes over the lines the server rendered, follows the log live from exactly where they
// end, and shows it through a virtual list so that a log of any length keeps a few dozen rows in the DOM.

import {AnnotationList} from './annotations.js';
import {JobActions} from './job-actions.js';
import {JobHeader} from './job-header.js';
import {linkRanges, namedLines, namesLines} from './line-links.js';
import {LineLoader} from './line-loader.js';
import {LiveFeed} from './live-feed.js';
import {rowRenderer} from './log-rows.js';
import {LogModel} from './log-model.js';
import {LogSearch} from './log-search.js';
import {showSearchInAddress} from './search-address.js';
import {Viewport} from './viewport.js';

const page = document.querySelector('.job-page');
const data = JSON.parse(document.getElementById('log-data').textContent);
const jobId = data.job;
const scroller = document.getElementById('log');
const followButton = document.getElementById('follow');
const lineCount = document.getElementById('line-count');
const searchInput = document.getElementById('search-input');
const searchCount = document.getElementById('search-count');

const header = new JobHeader(page, jobId, data);
const actions = new JobActions(page, jobId, data.status);
let following = !namesLines();
let highlight = null;

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
  renderRow: row => renderRow(row),
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
const renderRow = rowRenderer(model, search, () => highlight);
const annotations = new AnnotationList(jobId, model, loader);

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

// line links

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
  highlight = namedLines();
  viewport.dirty = true;
  if (highlight) {
    reveal(highlight.from, align);
  } else {
    viewport.flush();
  }
}

window.addEventListener('hashchange', () => showHash('nearest'));

linkRanges(scroller, () => highlight);

// a click on a group's header folds or unfolds it
scroller.addEventListener('click', event => {
  const groupRow = event.target.closest('.line.group');
  if (groupRow && !event.target.closest('.ln') && !window.getSelection().toString()) {
    const group = model.group(Number(groupRow.dataset.line));
    if (group) {
      change(() => model.setFolded(group.start, !model.isFolded(group)));
    }
  }
});

// search

searchInput.addEventListener('input', () => {
  search.set(searchInput.value.trim());
  showSearchInAddress(searchInput.value.trim());
});

document.getElementById('search').addEventListener('submit', event => event.preventDefault());

searchInput.addEventListener('keydown', event => {
  if (event.key === 'Enter') {
    event.preventDefault();
    stepSearch(event.shiftKey ? -1 : 1);
  } else if (event.key === 'Escape') {
    searchInput.value = '';
    search.set('');
    showSearchInAddress('');
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

// the live feed

const feed = new LiveFeed(jobId, data.next, {
  lines(first, texts) {
    change(() => model.addLines(first, texts));
    search.onLines(first, texts);
    annotations.lines(first, texts);
    header.grew(Number(feed.cursor));
  },
  status(status, exitCode) {
    header.status(status, exitCode);
    actions.status(status);
  },
  end(status, exitCode) {
    header.status(status, exitCode);
    actions.status(status);
    header.connection('ended');
  },
  reset() {
    change(() => {
      model.clear();
      loader.clear();
    });
    annotations.clear();
    search.set(search.query, true);
  },
  state: state => header.connection(state),
});

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
header.refresh();
feed.start();
annotations.lines(data.line, data.lines);
annotations.load();
