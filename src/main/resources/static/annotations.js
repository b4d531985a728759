// Workflow annotations — `::error file=src/App.java,line=64::message`, `::warning …`, `::notice …` (GitHub
// Actions; `##[error]message` in downloaded logs) — shown as GitHub shows them: a label, the file and line,
// the message. The job header lists them, from the whole log and as new lines arrive.

import {appendStyled, parseLine} from './ansi.js';

const COMMAND = /^(?:\d{4}-\d\d-\d\dT\S+Z )?(?:::(error|warning|notice)(?:\s+([^:]*))?::|##\[(error|warning|notice)\])(.*)$/;
const LABELS = {error: 'Error', warning: 'Warning', notice: 'Notice'};
const MAX_LISTED = 10;

/** `{level, file, line, col, title, message}` of an annotation line's visible text, or null. */
export function parseAnnotation(text) {
  const command = COMMAND.exec(text);
  if (!command) {
    return null;
  }
  const properties = {};
  for (const pair of (command[2] || '').split(',')) {
    const equals = pair.indexOf('=');
    if (equals > 0) {
      properties[pair.substring(0, equals).trim()] = unescape(pair.substring(equals + 1));
    }
  }
  return {
    level: command[1] || command[3],
    file: properties.file || null,
    line: properties.line || null,
    col: properties.col || null,
    title: properties.title || null,
    message: unescape(command[4]),
  };
}

/** The escapes of workflow commands (%25 %0D %0A in messages, %3A %2C in properties as well). */
function unescape(text) {
  return text.replace(/%(25|0D|0A|3A|2C)/gi, code => decodeURIComponent(code));
}

function place(annotation) {
  if (!annotation.file) {
    return '';
  }
  return annotation.file + (annotation.line ? ':' + annotation.line + (annotation.col ? ':' + annotation.col : '') : '');
}

/** Fills `target` (a log row's text) with the annotation; `marks` gives the search matches of a text. */
export function showAnnotation(target, annotation, marks) {
  const label = document.createElement('span');
  label.className = 'annotation-label';
  label.textContent = LABELS[annotation.level];
  target.append(label, ' ');
  const where = place(annotation);
  if (where) {
    const file = document.createElement('span');
    file.className = 'annotation-place';
    file.textContent = where;
    target.append(file, ' ');
  }
  const message = (annotation.title ? annotation.title + ': ' : '') + annotation.message;
  const text = document.createElement('span');
  text.className = 'annotation-message';
  appendStyled(text, message, [{start: 0, end: message.length, style: null}], marks(message));
  target.appendChild(text);
}

/** The header's list of the log's annotations, each a link to its line. */
export class AnnotationList {
  constructor(jobId, model, loader) {
    this.jobId = jobId;
    this.model = model;
    this.loader = loader;
    this.section = document.getElementById('annotations');
    this.list = document.getElementById('annotation-list');
    this.count = document.getElementById('annotations-count');
    this.found = new Map();
    this.total = 0;
  }

  /** Finds the annotations of the whole log (the server searches it), then shows the first few. */
  async load() {
    const lines = new Set();
    for (const level of Object.keys(LABELS)) {
      try {
        const response = await fetch('/api/search?job=' + encodeURIComponent(this.jobId) + '&q='
            + encodeURIComponent('::' + level), {headers: {Accept: 'application/json'}});
        if (response.ok) {
          (await response.json()).lines.forEach(n => lines.add(n));
        }
      } catch (e) {
        return; // the list stays as the live lines make it
      }
    }
    for (const n of [...lines].sort((a, b) => a - b).slice(0, MAX_LISTED)) {
      await this.loader.ensure(n);
      this.line(n, this.model.text(n));
    }
  }

  /** Lines that arrived: the annotations among them join the list. */
  lines(first, texts) {
    texts.forEach((text, i) => this.line(first + i, text));
  }

  line(n, raw) {
    if (raw === undefined || this.found.has(n)) {
      return;
    }
    const annotation = parseAnnotation(parseLine(raw).text);
    if (annotation) {
      this.found.set(n, annotation);
      this.show();
    }
  }

  clear() {
    this.found.clear();
    this.show();
  }

  show() {
    const shown = [...this.found.entries()].sort((a, b) => a[0] - b[0]).slice(0, MAX_LISTED);
    this.list.replaceChildren(...shown.map(([n, annotation]) => {
      const item = document.createElement('li');
      item.className = 'annotation-item annotation-' + annotation.level;
      const link = document.createElement('a');
      link.href = '#L' + n;
      showAnnotation(link, annotation, () => []);
      item.appendChild(link);
      return item;
    }));
    this.count.textContent = this.found.size > MAX_LISTED ? '(first ' + MAX_LISTED + ' of ' + this.found.size + ')'
        : '(' + this.found.size + ')';
    this.section.hidden = this.found.size === 0;
  }
}
