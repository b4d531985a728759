// One event stream, with tailboard's one reconnect policy. The browser reconnects by itself, sending
// Last-Event-ID, so nothing is lost or doubled; when it gives up (the server answered with an error, or
// was away too long) the stream waits a little longer each time and asks its owner what to do: open
// again (from the owner's own cursor, through url()), stop, or wait and ask again later.

const RETRY_MS = [1000, 2000, 5000, 10000];

export const REOPEN = 'reopen';
export const STOP = 'stop';
export const LATER = 'later';

export class EventStream {
  /**
   * url(): the URL to open now; events: {name: handler(event)}; opened(): the connection is live;
   * lost(): the connection dropped; givenUp(): async, called when the browser gave up, answers REOPEN,
   * STOP or LATER (the default reopens).
   */
  constructor({url, events, opened = () => {}, lost = () => {}, givenUp = async () => REOPEN}) {
    Object.assign(this, {url, events, opened, lost, givenUp});
    this.failures = 0;
    this.closed = false;
  }

  open() {
    const source = new EventSource(this.url());
    this.source = source;
    source.addEventListener('open', () => {
      this.failures = 0;
      this.opened();
    });
    for (const [name, handler] of Object.entries(this.events)) {
      source.addEventListener(name, handler);
    }
    source.addEventListener('error', () => {
      if (this.closed || source !== this.source) {
        return;
      }
      this.lost();
      if (source.readyState === EventSource.CLOSED) {
        this.retryLater();
      }
    });
    return this;
  }

  retryLater() {
    const delay = RETRY_MS[Math.min(this.failures, RETRY_MS.length - 1)];
    this.failures++;
    this.timer = setTimeout(async () => {
      const next = await this.givenUp();
      if (this.closed || next === STOP) {
        this.close();
      } else if (next === REOPEN) {
        this.open();
      } else {
        this.retryLater();
      }
    }, delay);
  }

  close() {
    this.closed = true;
    clearTimeout(this.timer);
    if (this.source) {
      this.source.close();
    }
  }
}
