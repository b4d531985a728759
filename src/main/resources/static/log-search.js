// Search over every line of a log, ignoring case. The server searches the whole file (GET /api/search) up
// to the end it has when asked; lines that arrive after that are searched here as they come. Matches are
// line numbers, in order.

import {visibleText} from './ansi.js';
import {lowerBound} from './log-model.js';

const DEBOUNCE_MS = 250;

export class LogSearch {
  /** `onChange()` is called whenever the matches or the current match change. */
  constructor(jobId, model, onChange) {
    this.jobId = jobId;
    this.model = model;
    this.onChange = onChange;
    this.query = '';
    this.sequence = 0;
    this.clear();
  }

  clear() {
    this.matches = [];
    this.count = 0;
    this.truncated = false;
    this.current = -1;
    this.coveredUpTo = Infinity;
    this.pending = false;
    this.failed = false;
  }

  /** A new query: searched after a short pause in typing, or at once with `now`; resolves when searched. */
  set(query, now = false) {
    if (query === this.query && !now) {
      return;
    }
    this.query = query;
    clearTimeout(this.timer);
    const sequence = ++this.sequence;
    this.clear();
    this.pending = Boolean(query);
    this.onChange();
    if (!query) {
      return Promise.resolve();
    }
    return new Promise(resolve => {
      this.timer = setTimeout(() => this.run(query, sequence).then(resolve), now ? 0 : DEBOUNCE_MS);
    });
  }

  async run(query, sequence) {
    let result = null;
    try {
      const response = await fetch('/api/search?job=' + encodeURIComponent(this.jobId) + '&q=' + encodeURIComponent(query),
          {headers: {Accept: 'application/json'}});
      result = response.ok ? await response.json() : null;
    } catch (e) {
      result = null;
    }
    if (sequence !== this.sequence) {
      return;
    }
    this.pending = false;
    if (!result) {
      this.failed = true;
      this.onChange();
      return;
    }
    this.matches = result.lines.slice();
    this.count = result.count;
    this.truncated = result.truncated;
    this.coveredUpTo = result.line;
    for (let n = result.line; n <= this.model.total; n++) {
      this.check(n, this.model.text(n));
    }
    this.onChange();
  }

  /** Lines arrived (live, or loaded): those the server did not search are searched here. */
  onLines(first, texts) {
    if (!this.query || this.pending) {
      return;
    }
    let found = false;
    for (let i = 0; i < texts.length; i++) {
      found = this.check(first + i, texts[i]) || found;
    }
    if (found) {
      this.onChange();
    }
  }

  check(n, text) {
    if (n < this.coveredUpTo || text === undefined || !this.contains(visibleText(text))) {
      return false;
    }
    const at = lowerBound(this.matches, n);
    if (this.matches[at] === n) {
      return false;
    }
    this.matches.splice(at, 0, n);
    this.count++;
    if (this.current >= at) {
      this.current++;
    }
    return true;
  }

  contains(text) {
    return text.toLowerCase().includes(this.query.toLowerCase());
  }

  /** Where the query occurs in a shown text, as {start, end} ranges. */
  ranges(text) {
    if (!this.query) {
      return [];
    }
    const haystack = text.toLowerCase();
    const needle = this.query.toLowerCase();
    const ranges = [];
    for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) {
      ranges.push({start: at, end: at + needle.length});
    }
    return ranges;
  }

  isMatch(n) {
    return this.matches[lowerBound(this.matches, n)] === n;
  }

  currentLine() {
    return this.current >= 0 ? this.matches[this.current] : 0;
  }

  /** Moves to the next (+1) or previous (-1) match; the first move goes to the first match from line `from`. */
  step(direction, from) {
    if (!this.matches.length) {
      return 0;
    }
    if (this.current < 0) {
      const at = lowerBound(this.matches, from);
      this.current = direction > 0 ? at % this.matches.length : (at - 1 + this.matches.length) % this.matches.length;
    } else {
      this.current = (this.current + direction + this.matches.length) % this.matches.length;
    }
    this.onChange();
    return this.matches[this.current];
  }

  /** What the counter shows. */
  summary() {
    if (!this.query) {
      return '';
    }
    if (this.pending) {
      return 'searching…';
    }
    if (this.failed) {
      return 'search failed';
    }
    if (!this.count) {
      return 'no matches';
    }
    const total = this.count.toLocaleString() + (this.truncated ? '+' : '');
    return (this.current >= 0 ? (this.current + 1).toLocaleString() + ' of ' : '') + total
        + (this.count === 1 ? ' line' : ' lines');
  }
}
