// Keeps the dashboard live: rows are added, updated, re-ordered (most recently updated first) and removed
// from the /api/events feed, and resynchronised from /api/jobs whenever the feed (re)connects. Buttons run
// the configured pipelines, when there are any.

import {formatDuration, formatSize, jobDuration, setBadge, showTime} from './format.js';
import {EventStream} from './sse-client.js';

const table = document.getElementById('jobs');
const body = table.tBodies[0];
const template = document.getElementById('job-row');
const empty = document.getElementById('empty');
const conn = document.getElementById('conn');
const jobs = new Map();

for (const row of body.rows) {
  jobs.set(row.dataset.id, {row, job: jobOfRow(row)});
}

function jobOfRow(row) {
  return {
    id: row.dataset.id,
    status: row.dataset.status,
    updatedAt: row.dataset.updated || null,
    startedAt: row.dataset.started || null,
    finishedAt: row.dataset.finished || null,
  };
}

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

function updatedOf(job) {
  const time = Date.parse(job.updatedAt);
  return Number.isNaN(time) ? 0 : time;
}

function upsert(job) {
  let entry = jobs.get(job.id);
  if (!entry) {
    entry = {row: template.content.firstElementChild.cloneNode(true)};
    jobs.set(job.id, entry);
  }
  entry.job = job;
  fill(entry.row, job);
  place(entry);
  empty.hidden = true;
  table.hidden = false;
}

/** Puts the row where "most recently updated first" wants it. */
function place(entry) {
  const rank = updatedOf(entry.job);
  let before = null;
  for (const row of body.rows) {
    if (row === entry.row) {
      continue;
    }
    const other = jobs.get(row.dataset.id);
    const otherRank = other ? updatedOf(other.job) : 0;
    if (otherRank < rank || (otherRank === rank && row.dataset.id > entry.job.id)) {
      before = row;
      break;
    }
  }
  if (entry.row.nextElementSibling !== before || entry.row.parentNode !== body) {
    body.insertBefore(entry.row, before);
  }
}

function remove(id) {
  const entry = jobs.get(id);
  if (entry) {
    entry.row.remove();
    jobs.delete(id);
  }
  empty.hidden = jobs.size > 0;
  table.hidden = jobs.size === 0;
}

async function resync() {
  try {
    const response = await fetch('/api/jobs', {headers: {Accept: 'application/json'}});
    if (!response.ok) {
      return;
    }
    const list = await response.json();
    const seen = new Set(list.map(job => job.id));
    for (const id of [...jobs.keys()]) {
      if (!seen.has(id)) {
        remove(id);
      }
    }
    list.forEach(upsert);
  } catch (e) {
    // the feed reports the connection; the next (re)connect resynchronises
  }
}

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
  for (const entry of jobs.values()) {
    showTimes(entry.row, entry.job, now);
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

for (const entry of jobs.values()) {
  showTimes(entry.row, entry.job);
}
showState('connecting', 'connecting…');
connect();
showPipelines();
