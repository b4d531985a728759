// When the lines of a log arrived, from GET /api/jobs/{id}/times and from the `time` of each live event: a
// sorted list of points [end, time], each saying that the bytes before `end` had arrived by `time`. A
// line's time is that of the first point at or past its end; bytes that were in the file before tailboard
// first saw it have none.

import {lowerBound} from './log-model.js';

export class ArrivalTimes {
  /** `onChange()` is called when times become known. */
  constructor(jobId, onChange) {
    this.url = '/api/jobs/' + jobId + '/times';
    this.onChange = onChange;
    this.clear();
  }

  clear() {
    this.ends = [];
    this.times = [];
    this.timedFrom = Infinity;
    this.loading = null;
    this.early = [];
  }

  /** Loads the log's times once (they are fetched only when something shows them). */
  ensure() {
    if (!this.loading) {
      this.loading = this.load();
    }
    return this.loading;
  }

  async load() {
    let answer = null;
    try {
      const response = await fetch(this.url, {headers: {Accept: 'application/json'}});
      answer = response.ok ? await response.json() : null;
    } catch (e) {
      answer = null;
    }
    if (!answer) {
      this.loading = null;
      return;
    }
    this.ends = answer.points.map(point => point[0]);
    this.times = answer.points.map(point => point[1]);
    this.timedFrom = answer.timedFrom;
    // points told by live events while the answer was on its way
    this.early.forEach(([end, time]) => this.add(end, time));
    this.early = [];
    this.onChange();
  }

  /** A live event: its lines, up to `end`, arrived by `time` (null when unknown). */
  add(end, time) {
    if (time === null || time === undefined) {
      return;
    }
    if (this.timedFrom === Infinity) {
      this.early.push([end, time]);
      return;
    }
    const last = this.ends.length - 1;
    if (last < 0 || end > this.ends[last]) {
      this.ends.push(end);
      this.times.push(Math.max(time, last < 0 ? time : this.times[last]));
    }
  }

  /** When the line ending at byte `end` arrived, or null. */
  at(end) {
    if (!end || end <= this.timedFrom) {
      return null;
    }
    const i = lowerBound(this.ends, end);
    return i < this.ends.length ? this.times[i] : null;
  }

  /** The first time known: when the log started, as far as its times tell. */
  first() {
    return this.times.length ? this.times[0] : null;
  }
}

const pad = (n, width = 2) => String(n).padStart(width, '0');

/** "14:03:27": a time of day, local. */
export function clockTime(time) {
  const date = new Date(time);
  return pad(date.getHours()) + ':' + pad(date.getMinutes()) + ':' + pad(date.getSeconds());
}

/** "+0:05", "+12:34", "+1:02:03": how long after `start`. */
export function sinceStart(time, start) {
  const seconds = Math.max(0, Math.floor((time - start) / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor(seconds / 60) % 60;
  const s = seconds % 60;
  return '+' + (h ? h + ':' + pad(m) : m) + ':' + pad(s);
}

/** The full local date and time with milliseconds, for a tooltip. */
export function fullTime(time) {
  const date = new Date(time);
  return date.toLocaleDateString(undefined, {year: 'numeric', month: 'short', day: 'numeric'}) + ' '
      + clockTime(time) + '.' + pad(date.getMilliseconds(), 3);
}
