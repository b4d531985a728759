// One row of the log viewer's virtual list: the line's number (a link to it), its styled text, a group's
// fold button and duration, and the marks of the highlighted range and of search matches.

import {parseAnnotation, showAnnotation} from './annotations.js';
import {appendStyled, parseLine} from './ansi.js';
import {formatDuration} from './format.js';

/** A function that renders row `row` of `model`; highlighted() is the range of lines the address names. */
export function rowRenderer(model, search, highlighted) {
  return row => {
    const n = model.lineOfRow(row);
    const element = document.createElement('div');
    element.className = 'line';
    element.dataset.line = n;
    const number = document.createElement('a');
    number.className = 'ln';
    number.href = '#L' + n;
    number.textContent = n;
    const text = document.createElement('span');
    text.className = 'lt';
    element.append(number, text);
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
      }
    }
    if (annotation) {
      showAnnotation(text, annotation, message => search.ranges(message));
    } else {
      appendStyled(text, shown.text, shown.runs, search.ranges(shown.text));
    }
    if (group && group.duration !== null) {
      const duration = document.createElement('span');
      duration.className = 'duration';
      duration.textContent = formatDuration(group.duration);
      element.appendChild(duration);
    }
    const highlight = highlighted();
    if (highlight && n >= highlight.from && n <= highlight.to) {
      element.classList.add('highlight');
    }
    if (search.isMatch(n)) {
      element.classList.add(n === search.currentLine() ? 'match-current' : 'match');
    }
    return element;
  };
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
