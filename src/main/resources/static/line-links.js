// Line links: the address #L<n> or #L<a>-L<b> names lines to highlight; a shift-click on a line number
// stretches the highlighted line into a range.

const LINE_HASH = /^#L(\d+)(?:-L?(\d+))?$/;

/** True when the address names lines (the viewer then opens there rather than following the end). */
export function namesLines() {
  return LINE_HASH.test(location.hash);
}

/** The lines the address names, {from, to}, or null. */
export function namedLines() {
  const m = LINE_HASH.exec(location.hash);
  if (!m) {
    return null;
  }
  const a = Number(m[1]);
  const b = m[2] ? Number(m[2]) : a;
  return {from: Math.min(a, b), to: Math.max(a, b)};
}

/** Shift-clicks on the line numbers in `scroller` make a range from highlighted() to the clicked line. */
export function linkRanges(scroller, highlighted) {
  scroller.addEventListener('click', event => {
    const number = event.target.closest('.ln');
    const highlight = highlighted();
    if (number && event.shiftKey && highlight) {
      event.preventDefault();
      const n = Number(number.closest('.line').dataset.line);
      location.hash = '#L' + Math.min(highlight.from, n) + '-L' + Math.max(highlight.from, n);
    }
  });
}
