// Loads the text of lines the viewer shows but has not got (earlier lines, a jump to #L<n> or to a search
// match), a block at a time, through the polling endpoint GET /api/jobs/{id}/log. The endpoint starts at a
// byte cursor or at the K-th last line; a block is asked for with `tail` counted from the end the viewer
// knows, and corrected when the log has grown meanwhile (the answer says which line it starts with).

import {BLOCK, lineEnds} from './log-model.js';

const PARALLEL = 2;
const SETTLE_MS = 60;
const RETRY_AFTER_MS = 3000;

export class LineLoader {
  constructor(jobId, model, onLoaded) {
    this.base = '/api/jobs/' + jobId + '/log';
    this.model = model;
    this.onLoaded = onLoaded;
    this.clear();
  }

  clear() {
    this.generation = (this.generation || 0) + 1;
    this.loading = new Map();
    this.failed = new Map();
    this.wanted = [];
    this.running = 0;
  }

  /** The lines [from, to] are on screen: load the blocks of those not loaded, soon, unless they scroll away. */
  want(from, to) {
    const wanted = [];
    for (let k = Math.floor((from - 1) / BLOCK); k <= Math.floor((to - 1) / BLOCK); k++) {
      wanted.push({block: k, from: Math.max(from, k * BLOCK + 1), to: Math.min(to, (k + 1) * BLOCK)});
    }
    this.wanted = wanted.filter(range => this.missing(range));
    this.pumpSoon();
  }

  pumpSoon() {
    if (this.wanted.length && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.pump();
      }, SETTLE_MS);
    }
  }

  /** Rows show these lines (sorted, maybe far apart: the filtered view): load the blocks they are in. */
  wantLines(lines) {
    const wanted = [];
    for (const n of lines) {
      const block = Math.floor((n - 1) / BLOCK);
      const last = wanted[wanted.length - 1];
      if (last && last.block === block) {
        last.to = n;
      } else {
        wanted.push({block, from: n, to: n});
      }
    }
    this.wanted = wanted.filter(range => this.missing(range));
    this.pumpSoon();
  }

  missing(range) {
    return this.model.firstMissing(range.from, range.to) !== 0;
  }

  /** Resolves once line n is loaded (or could not be). */
  ensure(n) {
    return this.model.text(n) === undefined ? this.load(Math.floor((n - 1) / BLOCK)) : Promise.resolve();
  }

  pump() {
    // only ranges still missing lines: a block loaded meanwhile must not be asked for again
    this.wanted = this.wanted.filter(range => this.missing(range));
    while (this.running < PARALLEL) {
      const range = this.wanted.find(wanted => !this.loading.has(wanted.block)
          && !(this.failed.get(wanted.block) > Date.now()));
      if (range === undefined) {
        return;
      }
      this.running++;
      this.load(range.block).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  load(k) {
    if (!this.loading.has(k)) {
      const generation = this.generation;
      const done = this.fetchBlock(k, generation)
          .then(() => {
            if (this.missing({from: k * BLOCK + 1, to: Math.min((k + 1) * BLOCK, this.model.total)})) {
              throw new Error('the log did not give every line of block ' + k);
            }
          })
          .catch(() => this.failed.set(k, Date.now() + RETRY_AFTER_MS))
          .finally(() => {
            if (generation === this.generation) {
              this.loading.delete(k);
            }
          });
      this.loading.set(k, done);
    }
    return this.loading.get(k);
  }

  async fetchBlock(k, generation) {
    const first = k * BLOCK + 1;
    const last = () => Math.min((k + 1) * BLOCK, this.model.total);
    let start = this.model.firstMissing(first, last());
    // the number the server gives its next line, as far as known: a tail answer tells it exactly
    let serverEnd = 0;
    let cursor = null;
    for (let attempt = 0; start && attempt < 20; attempt++) {
      const tail = Math.max(serverEnd, this.model.total + 1) - start;
      const query = cursor !== null ? 'from=' + cursor : 'tail=' + tail;
      const response = await fetch(this.base + '?' + query + '&limit=' + (last() - start + 1),
          {headers: {Accept: 'application/json'}});
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      const page = await response.json();
      if (generation !== this.generation || page.reset || !page.lines.length) {
        return;
      }
      if (cursor === null) {
        serverEnd = page.line + tail;
      }
      this.model.addLines(page.line, page.lines, lineEnds(page.lines, page.from, page.next));
      this.onLoaded();
      const next = this.model.firstMissing(first, last());
      // the answer stopped short of the block's end (a byte limit): carry on from its cursor
      cursor = next === page.line + page.lines.length ? page.next : null;
      start = next;
    }
  }
}
