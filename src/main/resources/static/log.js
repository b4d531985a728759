// The log viewer: takes over the lines the server rendered, follows the log live from exactly where they
// end, and shows it through a virtual list so that a log of any length keeps a few dozen rows in the DOM.
// Around it: search (and a filter to only the matches), the errors of the whole log (a gutter, next and
// previous), line times, wrapping, folding every group, copying a range of lines, and keyboard shortcuts.

import {AnnotationList} from './annotations.js';
import {ArrivalTimes} from './arrival-times.js';
import {ErrorGutter} from './error-gutter.js';
import {ErrorLines} from './error-lines.js';
import {parseTime} from './format.js';
import {JobActions} from './job-actions.js';
import {JobHeader} from './job-header.js';
import {copyLines} from './line-copy.js';
import {linkRanges, namedLines, namesLines} from './line-links.js';
import {LineLoader} from './line-loader.js';
import {LiveFeed, isFinal} from './live-feed.js';
import {LogModel, lineEnds, lowerBound} from './log-model.js';
import {rowRenderer} from './log-rows.js';
import {LogSearch} from './log-search.js';
import {showSearchInAddress} from './search-address.js';
import {TIME_MODES, loadSettings, saveSettings} from './viewer-settings.js';
import {Viewport} from './viewport.js';

const page = document.querySelector('.job-page');
const data = JSON.parse(document.getElementById('log-data').textContent);
const jobId = data.job;
const scroller = document.getElementById('log');
const followButton = document.getElementById('follow');
const lineCount = document.getElementById('line-count');
const searchInput = document.getElementById('search-input');
const searchCount = document.getElementById('search-count');
const filterButton = document.getElementById('filter');
const errorsNav = document.getElementById('errors-nav');
const errorCount = document.getElementById('error-count');
const groupTools = document.getElementById('group-tools');
const timesButton = document.getElementById('times');
const timeModeSelect = document.getElementById('time-mode');
const wrapButton = document.getElementById('wrap');
const copyButton = document.getElementById('copy-lines');
const shortcuts = document.getElementById('shortcuts');

const header = new JobHeader(page, jobId, data);
const actions = new JobActions(page, jobId, data.status);
const settings = loadSettings();
// a failed job opens at its first error, unless the address names a line
let openAtError = data.status === 'failed' && !namesLines();
let following = !namesLines() && !openAtError;
let highlight = null;

const model = new LogModel();
model.addLines(data.line, data.lines, lineEnds(data.lines, data.from, data.next));
model.growTo(data.line - 1 + data.lines.length);

scroller.replaceChildren();
scroller.classList.add('virtual');
const emptyNote = document.createElement('p');
emptyNote.className = 'log-empty muted';
emptyNote.textContent = 'No output yet.';
document.getElementById('log-toolbar').hidden = false;

// the rows on screen: every line (around folded groups), or with the filter on only the matching lines
const filtered = {
  get rowCount() {
    return search.matches.length;
  },
  lineOfRow: row => search.matches[row],
  rowOfLine: n => Math.min(lowerBound(search.matches, n), Math.max(0, search.matches.length - 1)),
};
let filterOn = false;
const rows = () => (filterOn && search.query ? filtered : model);

const loader = new LineLoader(jobId, model, () => change(() => {}));
const viewport = new Viewport(scroller, {
  rowCount: () => rows().rowCount,
  renderRow: row => renderRow(row),
  onRender: (first, last) => {
    if (last > first) {
      if (rows() === model) {
        loader.want(model.lineOfRow(first), model.lineOfRow(last - 1));
      } else {
        loader.wantLines(search.matches.slice(first, last));
      }
    }
  },
  // a following view stays at the bottom when the window changes size
  onResize: () => change(() => {}),
});
scroller.appendChild(emptyNote);

const search = new LogSearch(jobId, model, () => {
  searchCount.textContent = search.summary();
  if (filterOn) {
    change(() => {});
  } else {
    viewport.refresh();
  }
});
const errors = new ErrorLines(jobId, model, () => {
  const summary = errors.summary();
  errorCount.textContent = summary;
  errorsNav.hidden = !summary;
  gutter.refresh();
  viewport.refresh();
});
model.hasError = (from, to) => errors.anyIn(from, to);
const times = new ArrivalTimes(jobId, () => viewport.refresh());
const gutter = new ErrorGutter(scroller, {errors: () => errors.matches, rows, onPick: line => showError(line)});
const renderRow = rowRenderer({
  rows, model, search, errors, times,
  timeMode: () => settings.times,
  startedAt: () => parseTime(header.job.startedAt) ?? times.first(),
  highlighted: () => highlight,
});
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
      const count = rows().rowCount;
      anchor = count ? {line: rows().lineOfRow(Math.min(at.row, count - 1)), offset: at.offset} : null;
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
    viewport.restore(rows().rowOfLine(anchor.line), anchor.offset);
  } else {
    viewport.flush();
  }
  anchor = null;
  showCounts();
  gutter.refresh();
}

function showCounts() {
  emptyNote.hidden = rows().rowCount > 0;
  emptyNote.textContent = rows() === model ? 'No output yet.' : 'No line matches.';
  scroller.style.setProperty('--gutter', (Math.max(3, String(model.total).length) + 2) + 'ch');
  lineCount.textContent = model.total.toLocaleString() + (model.total === 1 ? ' line' : ' lines');
  groupTools.hidden = model.groups.size === 0;
  if (needsTimesForGroups()) {
    times.ensure();
  }
}

/** GitHub groups carry no duration without timestamps on their lines: then it comes from the arrival times. */
function needsTimesForGroups() {
  for (const group of model.groups.values()) {
    if (group.marker.flavour === 'github' && group.duration === null && !group.open) {
      return true;
    }
  }
  return false;
}

// following

function setFollowing(value) {
  following = value;
  followButton.setAttribute('aria-pressed', String(value));
}

// only the reader's own scrolling starts or stops following, also while a change waits to be shown
scroller.addEventListener('scroll', () => {
  if (viewport.movedByReader()) {
    openAtError = false;
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
  if (rows() !== model && !search.isMatch(line)) {
    // a line the filter hides: show every line again
    filterOn = false;
    filterButton.setAttribute('aria-pressed', 'false');
  }
  model.unfoldAround(line);
  viewport.dirty = true;
  viewport.scrollToRow(rows().rowOfLine(line), align);
  if (model.text(line) === undefined) {
    await loader.ensure(line);
    viewport.dirty = true;
    viewport.scrollToRow(rows().rowOfLine(line), align);
  }
  gutter.refresh();
}

function showHash(align) {
  highlight = namedLines();
  copyButton.hidden = !highlight;
  if (highlight) {
    copyButton.textContent = highlight.from === highlight.to ? 'Copy line ' + highlight.from
        : 'Copy lines ' + highlight.from + '–' + highlight.to;
  }
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

document.getElementById('expand-all').addEventListener('click', () => change(() => model.setAllFolded(false)));
document.getElementById('collapse-all').addEventListener('click', () => change(() => model.setAllFolded(true)));

// copying the highlighted lines

async function copyHighlighted() {
  if (!highlight) {
    return;
  }
  const label = copyButton.textContent;
  try {
    const count = await copyLines(highlight.from, Math.min(highlight.to, model.total), model, loader);
    copyButton.textContent = 'Copied ' + count.toLocaleString() + (count === 1 ? ' line' : ' lines');
  } catch (e) {
    copyButton.textContent = 'Copy failed';
  }
  setTimeout(() => {
    copyButton.textContent = label;
  }, 1500);
}

copyButton.addEventListener('click', copyHighlighted);

// search and the filter

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

/** The first line in view. */
function topLine() {
  return viewport.first === undefined || !rows().rowCount ? 1 : rows().lineOfRow(Math.min(viewport.first, rows().rowCount - 1));
}

async function stepSearch(direction) {
  const query = searchInput.value.trim();
  if (query !== search.query || search.pending) {
    await search.set(query, true);
  }
  const line = search.step(direction, topLine());
  if (line) {
    await reveal(line, 'center');
  }
}

function setFilter(on) {
  const line = topLine();
  filterOn = on;
  filterButton.setAttribute('aria-pressed', String(on));
  change(() => {
    anchor = following ? null : {line, offset: 0};
  });
}

filterButton.addEventListener('click', () => setFilter(!filterOn));

// errors

/** Goes to an error line: loads it, unfolds its group, marks it as the current error. */
function showError(line) {
  errors.select(line);
  return reveal(line, 'center');
}

async function stepError(direction) {
  const line = errors.step(direction, topLine());
  if (line) {
    await reveal(line, 'center');
  }
}

document.getElementById('error-next').addEventListener('click', () => stepError(1));
document.getElementById('error-prev').addEventListener('click', () => stepError(-1));

// times and wrapping, remembered by the browser

function showSettings() {
  scroller.classList.toggle('times', settings.times !== 'off');
  scroller.classList.toggle('wrap', settings.wrap);
  timesButton.setAttribute('aria-pressed', String(settings.times !== 'off'));
  timeModeSelect.hidden = settings.times === 'off';
  timeModeSelect.value = settings.timeMode;
  wrapButton.setAttribute('aria-pressed', String(settings.wrap));
  if (settings.times !== 'off') {
    times.ensure();
  }
}

function changeSettings(update) {
  Object.assign(settings, update);
  saveSettings(settings);
  showSettings();
  viewport.setWrap(settings.wrap);
  change(() => {});
}

const toggleTimes = () => changeSettings({times: settings.times === 'off' ? settings.timeMode : 'off'});
const switchTimeMode = mode => changeSettings({timeMode: mode, times: mode});

timesButton.addEventListener('click', toggleTimes);
timeModeSelect.addEventListener('change', () => switchTimeMode(timeModeSelect.value));
wrapButton.addEventListener('click', () => changeSettings({wrap: !settings.wrap}));

// keyboard shortcuts (the list is in the page, behind `?`)

const KEYS = {
  '/': () => {
    searchInput.focus();
    searchInput.select();
  },
  '?': () => (shortcuts.open ? shortcuts.close() : shortcuts.showModal()),
  e: () => stepError(1),
  E: () => stepError(-1),
  t: toggleTimes,
  T: () => switchTimeMode(TIME_MODES[(TIME_MODES.indexOf(settings.timeMode) + 1) % TIME_MODES.length]),
  w: () => changeSettings({wrap: !settings.wrap}),
  f: () => setFilter(!filterOn),
  c: copyHighlighted,
};

document.addEventListener('keydown', event => {
  const typing = event.target.closest('input, textarea, select, [contenteditable]');
  // while the list of keys is open, only its own key closes it (Esc does too)
  const action = shortcuts.open && event.key !== '?' ? null : KEYS[event.key];
  if (action && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
    event.preventDefault();
    action();
  }
});

document.getElementById('help').addEventListener('click', () => shortcuts.showModal());

// the live feed

const feed = new LiveFeed(jobId, data.next, {
  lines(first, texts, next, time) {
    change(() => model.addLines(first, texts, lineEnds(texts, null, Number(next))));
    times.add(Number(next), time);
    search.onLines(first, texts);
    errors.onLines(first, texts);
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
    if (!endedBeforeOpening) {
      // the lines that came live were marked by the tint rule: now the finder marks the whole log
      firstErrors.then(() => errors.load());
    }
  },
  reset() {
    change(() => {
      model.clear();
      loader.clear();
    });
    times.clear();
    annotations.clear();
    search.set(search.query, true);
    errors.load();
  },
  state: state => header.connection(state),
});

// start: show the rendered lines at the bottom (or the line the address names), then go live

showSettings();
viewport.setWrap(settings.wrap);
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
const endedBeforeOpening = isFinal(data.status);
const firstErrors = errors.load().then(() => {
  if (openAtError && errors.matches.length) {
    showError(errors.matches[0]);
  } else if (openAtError) {
    setFollowing(true);
    viewport.scrollToBottom();
  }
  openAtError = false;
});
feed.start();
annotations.lines(data.line, data.lines);
annotations.load();
