// Line numbers of a log that match a rule, for every line of the log, not only those loaded: the server
// answers for the whole file up to the end it has when asked (its `line` is the first line it did not look
// at), and lines that arrive after that are checked here as they come. Used by the search and the errors.

import {visibleText} from './ansi.js';
import {lowerBound} from './log-model.js';

/** The server reads a few whole logs at once and refuses more (429): asked again this often, this many times. */
const BUSY_RETRY_MS = 500;
const BUSY_RETRIES = 60;

export class LineMatches {
  /** `onChange()` is called whenever the matches or the current match change. */
  constructor(model, onChange) {
    this.model = model;
    this.onChange = onChange;
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

  /** True when lines are being matched (a search without a query is not). */
  get active() {
    return true;
  }

  /** Whether a shown text matches; subclasses say. */
  test() {
    return false;
  }

  /** Asks the server for the matches (an answer shaped {count, lines, truncated, line}); resolves when done. */
  async fetch(url) {
    const sequence = ++this.sequence;
    this.clear();
    this.pending = true;
    let result = null;
    try {
      const ask = () => fetch(url, {headers: {Accept: 'application/json'}});
      let response = await ask();
      for (let retry = 0; response.status === 429 && retry < BUSY_RETRIES && sequence === this.sequence; retry++) {
        await new Promise(resolve => setTimeout(resolve, BUSY_RETRY_MS));
        response = await ask();
      }
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

  /** Forgets what was asked: an answer still on its way is dropped. */
  cancel() {
    this.sequence++;
    this.clear();
  }

  /** Lines arrived (live, or loaded): those the server did not look at are checked here. */
  onLines(first, texts) {
    if (!this.active || this.pending) {
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
    if (n < this.coveredUpTo || text === undefined || !this.test(visibleText(text))) {
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

  isMatch(n) {
    return this.matches[lowerBound(this.matches, n)] === n;
  }

  /** True when a match lies in lines [from, to]. */
  anyIn(from, to) {
    const at = lowerBound(this.matches, from);
    return at < this.matches.length && this.matches[at] <= to;
  }

  currentLine() {
    return this.current >= 0 ? this.matches[this.current] : 0;
  }

  /**
   * Moves to the next (+1) or previous (-1) match, round the end; the first move goes to the first match
   * from line `from` on (or, backwards, the last before it).
   */
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

  /** Makes line n the current match (when it is one). */
  select(n) {
    const at = lowerBound(this.matches, n);
    if (this.matches[at] === n) {
      this.current = at;
      this.onChange();
    }
  }

  /** The count as the toolbar shows it: "3 of 12 lines". */
  counted(noun) {
    const total = this.count.toLocaleString() + (this.truncated ? '+' : '');
    return (this.current >= 0 ? (this.current + 1).toLocaleString() + ' of ' : '') + total + ' ' + noun
        + (this.count === 1 ? '' : 's');
  }
}
