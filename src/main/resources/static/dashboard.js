// Keeps the dashboard live: the jobs that match the filters (status and text, kept in the address as
// ?status=failed&q=backend and served by GET /api/jobs) are held here most recently updated first, and only
// the rows in view are in the page, so thousands of jobs cost a screenful of rows. /api/events adds,
// updates, re-orders and removes them; after every (re)connect the list is read again, so nothing missed
// while offline stays wrong. Buttons run the configured pipelines, when there are any.

import {formatDuration, formatSize, jobDuration, setBadge, showTime} from './format.js';
import {EventStream} from './sse-client.js';

const table = document.getElementById('jobs');
const body = table.tBodies[0];
const template = document.getElementById('job-row');
const empty = document.getElementById('empty');
const noMatch = document.getElementById('no-match');
const conn = document.getElementById('conn');
const filters = document.getElementById('filters');
const statusFilter = document.getElementById('status-filter');
const textFilter = document.getElementById('text-filter');
const jobCount = document.getElementById('job-count');
/** Rows beyond the view on each side, so that scrolling a little shows rows already there. */
const OVERSCAN = 10;
const TYPING_MS = 150;

/** The jobs that match, most recently updated first, each {job, rank, row (once rendered)}. */
let entries = [];
const byId = new Map();
let anyJob = !empty || empty.hidden;

// the filters, as the address has them

function currentFilter() {
  const params = new URLSearchParams(location.search);
  return {status: (params.get('status') || '').trim(), q: (params.get('q') || '').trim()};
}

let filter = currentFilter();

function matches(job) {
  const statuses = filter.status ? filter.status.toLowerCase().split(',').map(s => s.trim()) : [];
  const text = filter.q.toLowerCase();
  return (!statuses.length || statuses.includes(job.status))
      && (!text || job.id.toLowerCase().includes(text) || (job.title || '').toLowerCase().includes(text));
}

function query() {
  const params = new URLSearchParams();
  if (filter.status) {
    params.set('status', filter.status);
  }
  if (filter.q) {
    params.set('q', filter.q);
  }
  const text = params.toString();
  return text ? '?' + text : '';
}

function setFilter(status, q) {
  filter = {status, q};
  history.replaceState(null, '', location.pathname + query());
  resync();
}

filters.addEventListener('submit', event => event.preventDefault());
document.getElementById('filter-submit').hidden = true;
statusFilter.addEventListener('change', () => setFilter(statusFilter.value, filter.q));
let typing = 0;
textFilter.addEventListener('input', () => {
  clearTimeout(typing);
  typing = setTimeout(() => setFilter(filter.status, textFilter.value.trim()), TYPING_MS);
});

// the list

function rankOf(job) {
  const time = Date.parse(job.updatedAt);
  return Number.isNaN(time) ? 0 : time;
}

/** Most recently updated first, then by id: the order of GET /api/jobs. */
function before(a, b) {
  return a.rank !== b.rank ? a.rank > b.rank : a.job.id < b.job.id;
}

function positionOf(entry) {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (before(entries[mid], entry)) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low;
}

function upsert(job) {
  anyJob = true;
  const known = byId.get(job.id);
  if (!matches(job)) {
    if (known) {
      remove(job.id);
    }
    return;
  }
  if (known) {
    entries.splice(entries.indexOf(known), 1);
  }
  const entry = known || {};
  entry.job = job;
  entry.rank = rankOf(job);
  entry.stale = true;
  entries.splice(positionOf(entry), 0, entry);
  byId.set(job.id, entry);
  schedule();
}

function remove(id) {
  const entry = byId.get(id);
  if (entry) {
    entries.splice(entries.indexOf(entry), 1);
    byId.delete(id);
    schedule();
  }
}

let sequence = 0;

/** Reads the matching jobs again from the server, replacing what is held. */
async function resync() {
  const asked = ++sequence;
  try {
    const response = await fetch('/api/jobs' + query(), {headers: {Accept: 'application/json'}});
    if (!response.ok || asked !== sequence) {
      return;
    }
    const list = await response.json();
    if (asked !== sequence) {
      return;
    }
    const rows = new Map([...byId].map(([id, entry]) => [id, entry.row]));
    byId.clear();
    entries = list.map(job => {
      const entry = {job, rank: rankOf(job), row: rows.get(job.id), stale: true};
      byId.set(job.id, entry);
      return entry;
    });
    anyJob = anyJob || entries.length > 0;
    render(true);
  } catch (e) {
    // the feed reports the connection; the next (re)connect resynchronises
  }
}

// the rows in view

const field = (row, name) => row.querySelector('[data-field="' + name + '"]');

function fill(row, job) {
  row.dataset.id = job.id;
  row.dataset.status = job.status;
  row.dataset.updated = job.updatedAt || '';
  setBadge(field(row, 'badge'), job.status);
  const name = job.title && job.title.trim() ? job.title : job.id;
  field(row, 'link').href = '/jobs/' + job.id;
  field(row, 'name').textContent = name;
  const id = field(row, 'id');
  id.textContent = job.id;
  id.hidden = name === job.id;
  const note = field(row, 'note');
  note.textContent = job.note || '';
  note.hidden = !job.note;
  field(row, 'size').textContent = formatSize(job.size);
  showTimes(row, job);
}

function showTimes(row, job, now = Date.now()) {
  showTime(field(row, 'updated'), job.updatedAt, now);
  const duration = jobDuration(job, now);
  field(row, 'duration').textContent = duration === null ? '' : formatDuration(duration);
}

function spacer() {
  const row = document.createElement('tr');
  row.className = 'spacer';
  row.setAttribute('aria-hidden', 'true');
  const cell = document.createElement('td');
  cell.colSpan = 5;
  row.appendChild(cell);
  return row;
}

const topSpacer = spacer();
const bottomSpacer = spacer();
let rowHeight = body.rows.length ? body.rows[0].getBoundingClientRect().height : 0;
let shown = '';
let frame = 0;

function schedule() {
  if (!frame) {
    frame = requestAnimationFrame(() => {
      frame = 0;
      render(false);
    });
  }
}

function render(all) {
  const count = entries.length;
  const filtered = Boolean(filter.status || filter.q);
  jobCount.textContent = count.toLocaleString('en-US') + ' ' + (filtered ? 'matching ' : '') + (count === 1 ? 'job' : 'jobs');
  table.hidden = count === 0;
  empty.hidden = anyJob;
  noMatch.hidden = !anyJob || count > 0;
  filters.hidden = !anyJob;
  if (!count) {
    body.replaceChildren();
    shown = '';
    return;
  }
  if (!rowHeight) {
    body.replaceChildren(rowOf(entries[0]));
    rowHeight = body.rows[0].getBoundingClientRect().height || 45;
  }
  const bodyTop = body.getBoundingClientRect().top;
  const first = Math.max(0, Math.min(count - 1, Math.floor(-bodyTop / rowHeight) - OVERSCAN));
  const last = Math.min(count, Math.ceil((window.innerHeight - bodyTop) / rowHeight) + OVERSCAN);
  const rows = [];
  let changed = all;
  for (let i = first; i < last; i++) {
    changed = changed || entries[i].stale;
    rows.push(rowOf(entries[i]));
  }
  const key = first + ':' + last + ':' + rows.map(row => row.dataset.id).join(',');
  if (changed || key !== shown) {
    shown = key;
    topSpacer.firstChild.style.height = first * rowHeight + 'px';
    bottomSpacer.firstChild.style.height = (count - last) * rowHeight + 'px';
    body.replaceChildren(topSpacer, ...rows, bottomSpacer);
  }
}

function rowOf(entry) {
  if (!entry.row) {
    entry.row = template.content.firstElementChild.cloneNode(true);
    entry.stale = true;
  }
  if (entry.stale) {
    fill(entry.row, entry.job);
    entry.stale = false;
  }
  return entry.row;
}

window.addEventListener('scroll', schedule, {passive: true});
window.addEventListener('resize', schedule);

// the feed

function showState(state, text) {
  conn.dataset.state = state;
  conn.textContent = text;
}

function connect() {
  new EventStream({
    url: () => '/api/events',
    events: {
      job: event => upsert(JSON.parse(event.data)),
      removed: event => remove(JSON.parse(event.data).id)
    },
    opened: () => {
      showState('live', 'live');
      resync();
    },
    lost: () => showState('reconnecting', 'reconnecting…')
  }).open();
}

setInterval(() => {
  const now = Date.now();
  for (const row of body.rows) {
    const entry = byId.get(row.dataset.id);
    if (entry) {
      showTimes(row, entry.job, now);
    }
  }
}, 1000);

// pipelines: shown only when the runner has some configured

const pipelines = document.getElementById('pipelines');
const runError = document.getElementById('run-error');

async function showPipelines() {
  let list = [];
  try {
    const response = await fetch('/api/pipelines', {headers: {Accept: 'application/json'}});
    list = response.ok ? await response.json() : [];
  } catch (e) {
    list = [];
  }
  if (!Array.isArray(list) || !list.length) {
    return;
  }
  for (const pipeline of list) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button run';
    button.textContent = '▶ ' + pipeline.name;
    button.title = (pipeline.command || []).join(' ');
    button.addEventListener('click', () => run(pipeline.name, button));
    pipelines.appendChild(button);
  }
  pipelines.hidden = false;
}

async function run(name, button) {
  button.disabled = true;
  runError.hidden = true;
  try {
    const response = await fetch('/api/pipelines/' + encodeURIComponent(name) + '/runs',
        {method: 'POST', headers: {Accept: 'application/json'}});
    const answer = await response.json().catch(() => ({}));
    if (response.status === 201) {
      location.assign(response.headers.get('Location') || '/jobs/' + answer.id);
      return;
    }
    runError.textContent = 'Could not start ' + name + ': ' + (answer.error || 'HTTP ' + response.status);
  } catch (e) {
    runError.textContent = 'Could not start ' + name + ': the server cannot be reached';
  }
  runError.hidden = false;
  button.disabled = false;
}

// the rendered rows are shown until the list arrives; their times are made relative at once
for (const row of body.rows) {
  showTimes(row, {
    status: row.dataset.status,
    updatedAt: row.dataset.updated || null,
    startedAt: row.dataset.started || null,
    finishedAt: row.dataset.finished || null,
  });
}
window.addEventListener('popstate', () => {
  filter = currentFilter();
  statusFilter.value = filter.status;
  textFilter.value = filter.q;
  resync();
});
showState('connecting', 'connecting…');
connect();
showPipelines();
