// A virtual list: a spacer as tall as all rows gives the scroll bar its size, and only the rows in view
// are in the DOM, so a log of a million lines costs a few dozen elements. Rows have one fixed height.
// Browsers cap an element's height (Firefox near 17.9 million px): past MAX_HEIGHT the scroll range is
// scaled, so that any number of rows still fits.

const MAX_HEIGHT = 15_000_000;

export class Viewport {
  /**
   * `scroller` scrolls; `rowCount()` says how many rows there are; `renderRow(row)` makes the element of
   * a row; `onRender(firstRow, lastRow)` is told what is in view after each render; `onResize()` is called
   * when the scroller changes size (by default the rows are laid out again).
   */
  constructor(scroller, {rowCount, renderRow, onRender, onResize}) {
    this.scroller = scroller;
    this.rowCount = rowCount;
    this.renderRow = renderRow;
    this.onRender = onRender;
    this.spacer = document.createElement('div');
    this.spacer.className = 'log-spacer';
    this.rows = document.createElement('div');
    this.rows.className = 'log-rows';
    // the rows live in the spacer, which clips them vertically: they never make the scroll range longer
    this.spacer.appendChild(this.rows);
    scroller.appendChild(this.spacer);
    this.lineHeight = this.measureRowHeight();
    this.shown = null;
    this.dirty = true;
    this.frame = 0;
    scroller.addEventListener('scroll', () => this.schedule(), {passive: true});
    new ResizeObserver(onResize || (() => this.refresh())).observe(scroller);
    this.layout();
  }

  measureRowHeight() {
    const probe = document.createElement('div');
    probe.className = 'line';
    probe.textContent = 'x';
    this.rows.appendChild(probe);
    const height = Math.round(probe.getBoundingClientRect().height) || 20;
    probe.remove();
    return height;
  }

  /** The rows changed (count or content): lay out and render again soon. */
  refresh() {
    this.dirty = true;
    this.layout();
    this.schedule();
  }

  /** Lays out and renders now (before reading or setting the scroll position). */
  flush() {
    this.layout();
    this.render();
  }

  layout() {
    const full = this.rowCount() * this.lineHeight;
    const height = Math.min(full, MAX_HEIGHT);
    if (height !== this.height) {
      this.height = height;
      this.spacer.style.height = height + 'px';
    }
    const client = this.scroller.clientHeight;
    this.ratio = height > client ? (full - client) / (height - client) : 1;
  }

  schedule() {
    if (!this.frame) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.render();
      });
    }
  }

  render() {
    const count = this.rowCount();
    const top = this.scroller.scrollTop;
    const virtualTop = top * this.ratio;
    const first = Math.min(Math.floor(virtualTop / this.lineHeight), Math.max(0, count - 1));
    const offset = virtualTop - first * this.lineHeight;
    const last = Math.min(count, first + Math.ceil((this.scroller.clientHeight + offset) / this.lineHeight) + 1);
    this.rows.style.transform = 'translateY(' + Math.max(0, top - offset) + 'px)';
    const key = first + ':' + last;
    if (this.dirty || key !== this.shown) {
      this.dirty = false;
      this.shown = key;
      const fragment = document.createDocumentFragment();
      for (let row = first; row < last; row++) {
        fragment.appendChild(this.renderRow(row));
      }
      this.rows.replaceChildren(fragment);
    }
    this.first = first;
    this.last = last;
    this.onRender(first, last);
  }

  /** Scrolls so that `row` is in view: centred, or with 'nearest' not at all when it is already fully in view. */
  scrollToRow(row, align = 'center') {
    this.layout();
    const client = this.scroller.clientHeight;
    const rowTop = row * this.lineHeight;
    const viewTop = this.scroller.scrollTop * this.ratio;
    if (align !== 'nearest' || rowTop < viewTop || rowTop + this.lineHeight > viewTop + client) {
      const target = rowTop - (client - this.lineHeight) / 2;
      this.scrollTo(target / this.ratio);
    }
    this.render();
  }

  scrollToBottom() {
    this.layout();
    this.scrollTo(this.scroller.scrollHeight);
    this.render();
    if (!this.atBottom()) {
      // the rows just rendered brought a horizontal scroll bar, which took some height from the view
      this.layout();
      this.scrollTo(this.scroller.scrollHeight);
      this.render();
    }
  }

  /** Scrolls to `top`, remembering where that put the view, so that a scroll event can tell its own moves from the reader's. */
  scrollTo(top) {
    this.scroller.scrollTop = Math.max(0, top);
    this.ownTop = this.scroller.scrollTop;
  }

  /** True when the view is not where this viewport last put it: the reader scrolled. */
  movedByReader() {
    return this.scroller.scrollTop !== this.ownTop;
  }

  atBottom() {
    const s = this.scroller;
    return s.scrollTop + s.clientHeight >= s.scrollHeight - Math.max(2, this.lineHeight / 2);
  }

  /** The first row fully or partly in view, and how far it is scrolled out, to keep it in place later. */
  anchor() {
    const virtualTop = this.scroller.scrollTop * this.ratio;
    const row = Math.floor(virtualTop / this.lineHeight);
    return {row, offset: virtualTop - row * this.lineHeight};
  }

  restore(row, offset) {
    this.layout();
    this.scrollTo((row * this.lineHeight + offset) / this.ratio);
    this.render();
  }
}
