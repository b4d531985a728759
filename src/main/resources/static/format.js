// The human forms of sizes, durations, times and statuses, as JobRow.java makes them on the server.

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

export const STATUS_ICONS = {queued: '◌', running: '●', success: '✓', failed: '✗', cancelled: '⊘', unknown: '?'};

export function formatSize(bytes) {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) {
    return bytes + ' B';
  }
  return (value < 10 ? value.toFixed(1) : Math.round(value).toString()) + ' ' + UNITS[unit];
}

export function formatDuration(ms) {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) {
    return seconds + 's';
  }
  if (seconds < 3600) {
    return Math.floor(seconds / 60) + 'm ' + (seconds % 60) + 's';
  }
  return Math.floor(seconds / 3600) + 'h ' + Math.floor((seconds % 3600) / 60) + 'm';
}

/** "just now", "5 min ago", "3 h ago", "2 days ago". */
export function formatAgo(time, now = Date.now()) {
  const seconds = Math.round((now - time) / 1000);
  if (seconds < 10) {
    return 'just now';
  }
  if (seconds < 60) {
    return seconds + ' s ago';
  }
  if (seconds < 3600) {
    return Math.floor(seconds / 60) + ' min ago';
  }
  if (seconds < 86400) {
    return Math.floor(seconds / 3600) + ' h ago';
  }
  const days = Math.floor(seconds / 86400);
  return days === 1 ? 'yesterday' : days + ' days ago';
}

export function parseTime(value) {
  const time = value ? Date.parse(value) : NaN;
  return Number.isNaN(time) ? null : time;
}

/** The job's duration in ms: finished − started, or now − started while it runs; null when not known. */
export function jobDuration(job, now = Date.now()) {
  const started = parseTime(job.startedAt);
  const finished = parseTime(job.finishedAt);
  const end = finished !== null ? finished : job.status === 'running' ? now : null;
  return started !== null && end !== null && end >= started ? end - started : null;
}

const DATE_TIME = {year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit'};

/**
 * Shows a <time datetime> as "5 min ago" within a day, else as a local date and time; the tooltip has the
 * other form.
 */
export function showTime(element, value, now = Date.now()) {
  const time = parseTime(value);
  if (time === null) {
    element.textContent = value || '';
    element.removeAttribute('datetime');
    return;
  }
  const local = new Date(time).toLocaleString(undefined, DATE_TIME);
  const ago = formatAgo(time, now);
  const recent = now - time < 86400000;
  element.setAttribute('datetime', value);
  element.textContent = recent ? ago : local;
  element.title = recent ? local : ago;
}

export function setBadge(badge, status) {
  badge.className = 'badge status-' + status;
  badge.querySelector('.badge-icon').textContent = STATUS_ICONS[status] || '?';
  badge.querySelector('.badge-text').textContent = status;
}
