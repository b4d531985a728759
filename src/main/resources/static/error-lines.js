// The error lines of a log. The server's error finder marks them in the whole file (GET /api/errors, the
// analyst's Diagnoses); lines that arrive later are checked here by the tint rule, until the page asks again.

import {LineMatches} from './line-matches.js';

const STAMP = '(?:\\d{4}-\\d\\d-\\d\\dT\\S+Z )?';
const MARKERS = new RegExp('^' + STAMP + '(?:::error\\b|##\\[error\\])|\\[ERROR\\]|npm ERR!|\\bFAILED\\b'
    + '|^' + STAMP + '\\s*Traceback \\(most recent call last\\)');
const ERROR_COLON = /\berror:/i;

/** True when a shown line is an error line. */
export function isErrorLine(text) {
  return MARKERS.test(text) || ERROR_COLON.test(text);
}

export class ErrorLines extends LineMatches {
  constructor(jobId, model, onChange) {
    super(model, onChange);
    this.jobId = jobId;
  }

  test(text) {
    return isErrorLine(text);
  }

  load() {
    return this.fetch('/api/errors?job=' + encodeURIComponent(this.jobId));
  }

  summary() {
    return this.count ? this.counted('error') : '';
  }
}
