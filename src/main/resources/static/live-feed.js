// Follows one log over server-sent events from a cursor, with one EventSource. The browser reconnects by
// itself with Last-Event-ID (the cursor of the last lines received), so nothing is lost or doubled; when
// it gives up (the server answered with an error, or was away too long) the feed opens a new EventSource
// from its own copy of that cursor.

const RETRY_MS = [1000, 2000, 5000, 10000];

export class LiveFeed {
  /**
   * handlers: lines(firstLine, texts), status(status, exitCode), end(status, exitCode), reset(),
   * state('connecting' | 'live' | 'reconnecting' | 'ended' | 'gone').
   */
  constructor(jobId, cursor, handlers) {
    this.jobId = jobId;
    this.cursor = String(cursor);
    this.handlers = handlers;
    this.failures = 0;
    this.ended = false;
  }

  start() {
    this.handlers.state('connecting');
    this.open();
  }

  open() {
    const source = new EventSource('/api/jobs/' + this.jobId + '/events?from=' + encodeURIComponent(this.cursor));
    this.source = source;
    source.addEventListener('open', () => {
      this.failures = 0;
      this.handlers.state('live');
    });
    source.addEventListener('log', event => {
      const data = JSON.parse(event.data);
      this.cursor = event.lastEventId;
      this.handlers.lines(data.line, data.lines);
    });
    source.addEventListener('status', event => {
      const data = JSON.parse(event.data);
      this.handlers.status(data.status, data.exitCode);
    });
    source.addEventListener('reset', event => {
      this.cursor = event.lastEventId || '0';
      this.handlers.reset();
    });
    source.addEventListener('end', event => {
      const data = JSON.parse(event.data);
      this.finish();
      this.handlers.end(data.status, data.exitCode);
    });
    source.addEventListener('error', () => {
      if (this.ended || source !== this.source) {
        return;
      }
      this.handlers.state('reconnecting');
      if (source.readyState === EventSource.CLOSED) {
        this.reopenLater();
      }
    });
  }

  /** The browser stopped reconnecting: find out why, then open again from the cursor or stop. */
  reopenLater() {
    const delay = RETRY_MS[Math.min(this.failures, RETRY_MS.length - 1)];
    this.failures++;
    this.timer = setTimeout(async () => {
      let job = null;
      try {
        const response = await fetch('/api/jobs/' + this.jobId, {headers: {Accept: 'application/json'}});
        if (response.status === 404) {
          this.finish();
          this.handlers.state('gone');
          return;
        }
        job = response.ok ? await response.json() : null;
      } catch (e) {
        // the server is still away: try again later
      }
      if (job && isFinal(job.status) && Number(this.cursor) >= job.size) {
        // a reconnect at the end of a finished job is answered 204: everything is here
        this.finish();
        this.handlers.end(job.status, job.exitCode);
        return;
      }
      if (job) {
        this.open();
      } else {
        this.reopenLater();
      }
    }, delay);
  }

  finish() {
    this.ended = true;
    clearTimeout(this.timer);
    if (this.source) {
      this.source.close();
    }
  }
}

export function isFinal(status) {
  return status === 'success' || status === 'failed' || status === 'cancelled';
}
