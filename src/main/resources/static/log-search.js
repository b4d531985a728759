// Search over every line of a log, ignoring case and matching the text as shown. The server searches the
// whole file (GET /api/search); a query is sent after a short pause in typing.

import {LineMatches} from './line-matches.js';

const DEBOUNCE_MS = 250;

export class LogSearch extends LineMatches {
  constructor(jobId, model, onChange) {
    super(model, onChange);
    this.jobId = jobId;
    this.query = '';
  }

  get active() {
    return Boolean(this.query);
  }

  test(text) {
    return text.toLowerCase().includes(this.query.toLowerCase());
  }

  /** A new query: searched after a short pause in typing, or at once with `now`; resolves when searched. */
  set(query, now = false) {
    if (query === this.query && !now) {
      return;
    }
    this.query = query;
    clearTimeout(this.timer);
    this.cancel();
    this.pending = Boolean(query);
    this.onChange();
    if (!query) {
      return Promise.resolve();
    }
    return new Promise(resolve => {
      this.timer = setTimeout(() => this.fetch('/api/search?job=' + encodeURIComponent(this.jobId)
          + '&q=' + encodeURIComponent(query)).then(resolve), now ? 0 : DEBOUNCE_MS);
    });
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
    return this.count ? this.counted('line') : 'no matches';
  }
}
