// The log viewer's header: the job's status badge and facts (times, exit code, size), the tab's title,
// and the state of the connection.

import {STATUS_ICONS, formatDuration, formatSize, jobDuration, setBadge, showTime} from './format.js';
import {isFinal} from './live-feed.js';

const CONNECTION = {connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting…', gone: 'job removed'};

export class JobHeader {
  /** `data` is what the page was rendered with: the job's status and exit code. */
  constructor(page, jobId, data) {
    this.page = page;
    this.jobId = jobId;
    this.job = {status: data.status, exitCode: data.exitCode ?? null};
    this.size = 0;
    this.conn = document.getElementById('conn');
    // the tab's title starts with the status symbol, so that a finished build shows in a background tab
    this.title = document.title.substring(document.title.indexOf(' ') + 1);
    // a running job's duration and "updated" times move on
    setInterval(() => {
      if (!isFinal(this.job.status)) {
        this.show();
      }
    }, 1000);
  }

  /** The log is at least `size` bytes long. */
  grew(size) {
    this.size = Math.max(this.size, size);
  }

  /** The feed told a new status: show it, then fetch the rest of the job's facts. */
  status(status, exitCode) {
    this.job = Object.assign({}, this.job, {status, exitCode: exitCode ?? null});
    this.show();
    this.refresh();
  }

  show() {
    const job = this.job;
    setBadge(document.getElementById('job-badge'), job.status);
    document.title = (STATUS_ICONS[job.status] || '?') + ' ' + this.title;
    if (job.id) {
      this.fact('started', job.startedAt);
      this.fact('finished', job.finishedAt);
      this.fact('updated', job.updatedAt);
    }
    this.fact('exit', job.exitCode);
    const duration = jobDuration(job);
    this.fact('duration', duration === null ? null : formatDuration(duration));
    if (this.size) {
      this.fact('size', formatSize(this.size));
    }
  }

  fact(name, value, show = value !== null && value !== undefined && value !== '') {
    const fact = this.page.querySelector('[data-fact="' + name + '"]');
    fact.hidden = !show;
    if (show) {
      const target = fact.querySelector('time') || fact.querySelector('dd');
      if (target.tagName === 'TIME') {
        showTime(target, value);
      } else {
        target.textContent = value;
      }
    }
  }

  async refresh() {
    try {
      const response = await fetch('/api/jobs/' + this.jobId, {headers: {Accept: 'application/json'}});
      if (response.ok) {
        this.job = await response.json();
        this.grew(this.job.size);
        this.show();
      }
    } catch (e) {
      // the header keeps what it shows; the feed reports the connection
    }
  }

  /** 'connecting', 'live', 'reconnecting', 'ended' or 'gone'. */
  connection(state) {
    this.conn.dataset.state = state;
    if (state === 'ended') {
      const job = this.job;
      this.conn.textContent = 'ended: ' + job.status + (job.exitCode !== null && job.exitCode !== undefined
          ? ' (exit ' + job.exitCode + ')' : '');
    } else {
      this.conn.textContent = CONNECTION[state];
    }
  }
}
