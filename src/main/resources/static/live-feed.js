// Follows one log over server-sent events from a cursor. When the browser gives up reconnecting, the feed
// asks the server about the job: gone, finished with everything here, or to be opened again from its own
// copy of the cursor.

import {EventStream, LATER, REOPEN, STOP} from './sse-client.js';

export class LiveFeed {
  /**
   * handlers: lines(firstLine, texts, next, time) (`next`: the cursor past them; `time`: when the last
   * arrived, or null), status(status, exitCode), end(status, exitCode), reset(),
   * state('connecting' | 'live' | 'reconnecting' | 'ended' | 'gone').
   */
  constructor(jobId, cursor, handlers) {
    this.jobId = jobId;
    this.cursor = String(cursor);
    this.handlers = handlers;
  }

  start() {
    this.handlers.state('connecting');
    this.stream = new EventStream({
      url: () => '/api/jobs/' + this.jobId + '/events?from=' + encodeURIComponent(this.cursor),
      events: {
        log: event => {
          const data = JSON.parse(event.data);
          this.cursor = event.lastEventId;
          this.handlers.lines(data.line, data.lines, event.lastEventId, data.time ?? null);
        },
        status: event => {
          const data = JSON.parse(event.data);
          this.handlers.status(data.status, data.exitCode);
        },
        reset: event => {
          this.cursor = event.lastEventId || '0';
          this.handlers.reset();
        },
        end: event => {
          const data = JSON.parse(event.data);
          this.stream.close();
          this.handlers.end(data.status, data.exitCode);
        }
      },
      opened: () => this.handlers.state('live'),
      lost: () => this.handlers.state('reconnecting'),
      givenUp: () => this.whyGivenUp()
    }).open();
  }

  /** The browser stopped reconnecting: find out why, then open again from the cursor or stop. */
  async whyGivenUp() {
    let job;
    try {
      const response = await fetch('/api/jobs/' + this.jobId, {headers: {Accept: 'application/json'}});
      if (response.status === 404) {
        this.handlers.state('gone');
        return STOP;
      }
      job = response.ok ? await response.json() : null;
    } catch (e) {
      return LATER; // the server is still away
    }
    if (job && isFinal(job.status) && Number(this.cursor) >= job.size) {
      // a reconnect at the end of a finished job is answered 204: everything is here
      this.handlers.end(job.status, job.exitCode);
      return STOP;
    }
    return job ? REOPEN : LATER;
  }
}

export function isFinal(status) {
  return status === 'success' || status === 'failed' || status === 'cancelled';
}
