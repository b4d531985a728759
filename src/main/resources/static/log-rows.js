// One row of the log viewer's virtual list: the line's number (a link to it), its arrival time when times
// are shown, its styled text, a group's fold button and duration, and the marks of the highlighted range,
// of search matches and of error lines.

import {parseAnnotation, showAnnotation} from './annotations.js';
import {appendStyled, parseLine} from './ansi.js';
import {clockTime, fullTime, sinceStart} from './arrival-times.js';
import {isErrorLine} from './error-lines.js';
import {formatDuration} from './format.js';

/**
 * A function that renders row `row`. `view` holds what the rows show: rows (the row to line map), model,
 * search, errors, times (ArrivalTimes), timeMode() ('off', 'clock' or 'elapsed'), startedAt() (ms or null)
 * and highlighted() (the range of lines the address names).
 */
export function rowRenderer(view) {
  const {rows, model, search, errors, times} = view;
  return row => {
    const n = rows().lineOfRow(row);
    const element = document.createElement('div');
    element.className = 'line';
    element.dataset.line = n;
    const number = document.createElement('a');
    number.className = 'ln';
    number.href = '#L' + n;
    number.textContent = n;
    element.appendChild(number);
    const mode = view.timeMode();
    if (mode !== 'off') {
      element.appendChild(timeCell(times.at(model.lineEnd(n)), mode, view.startedAt()));
    }
    const text = document.createElement('span');
    text.className = 'lt';
    element.appendChild(text);
    const raw = model.text(n);
    if (raw === undefined) {
      element.classList.add('pending');
      return element;
    }
    const depth = model.depthOf(n);
    if (depth) {
      text.style.setProperty('--depth', depth);
    }
    let shown = parseLine(raw);
    let annotation = null;
    const group = model.group(n);
    if (group) {
      shown = groupTitle(group, shown);
      const folded = model.isFolded(group);
      element.classList.add('group');
      element.classList.toggle('folded', folded);
      const fold = document.createElement('button');
      fold.type = 'button';
      fold.className = 'fold';
      fold.setAttribute('aria-expanded', String(!folded));
      fold.setAttribute('aria-label', (folded ? 'Expand ' : 'Collapse ') + 'group');
      text.appendChild(fold);
    } else {
      annotation = parseAnnotation(shown.text);
      if (annotation) {
        element.classList.add('annotation-' + annotation.level);
      } else if (isErrorLine(shown.text) || errors.isMatch(n)) {
        element.classList.add('annotation-error');
      }
    }
    if (annotation) {
      showAnnotation(text, annotation, message => search.ranges(message));
    } else {
      appendStyled(text, shown.text, shown.runs, search.ranges(shown.text));
    }
    const duration = group ? groupDuration(group, model, times) : null;
    if (duration !== null) {
      const label = document.createElement('span');
      label.className = 'duration';
      label.textContent = formatDuration(duration);
      element.appendChild(label);
    }
    const highlight = view.highlighted();
    if (highlight && n >= highlight.from && n <= highlight.to) {
      element.classList.add('highlight');
    }
    if (search.isMatch(n)) {
      element.classList.add(n === search.currentLine() ? 'match-current' : 'match');
    }
    if (n === errors.currentLine()) {
      element.classList.add('error-current');
    }
    return element;
  };
}

/** The time column: its text is drawn by CSS from data-time, so that it is never part of copied text. */
function timeCell(time, mode, startedAt) {
  const cell = document.createElement('span');
  cell.className = 'tm';
  if (time !== null) {
    const start = startedAt ?? time;
    cell.dataset.time = mode === 'clock' ? clockTime(time) : sinceStart(time, start);
    cell.title = fullTime(time) + (mode === 'clock' ? '' : ' (' + sinceStart(time, start) + ' since the start)');
  }
  return cell;
}

/**
 * A group's duration: from the timestamps of its markers (GitLab's, or GitHub's when lines carry them), else
 * from when its first and last lines arrived; null for a group still open or without times.
 */
function groupDuration(group, model, times) {
  if (group.duration !== null) {
    return group.duration;
  }
  if (group.open || group.marker.flavour !== 'github') {
    return null;
  }
  const start = times.at(model.lineEnd(group.start));
  const end = times.at(model.lineEnd(group.endLine || group.last));
  return start !== null && end !== null ? end - start : null;
}

/** A group header shows its name: the text after `::group::`, or a GitLab section's own heading. */
function groupTitle(group, shown) {
  const from = group.marker.titleFrom;
  if (group.marker.flavour === 'gitlab' && (!shown.text.trim() || shown.text.includes('section_start:'))) {
    const name = group.marker.name;
    return {text: name, runs: [{start: 0, end: name.length, style: null}]};
  }
  if (!from) {
    return shown;
  }
  const runs = shown.runs.filter(run => run.end > from)
      .map(run => ({start: Math.max(0, run.start - from), end: run.end - from, style: run.style}));
  return {text: shown.text.substring(from), runs};
}
