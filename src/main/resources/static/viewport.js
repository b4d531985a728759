// A virtual list: a spacer as tall as all rows gives the scroll bar its size, and only the rows in view
// are in the DOM, so a log of a million lines costs a few dozen elements. Rows have one fixed height, or
// with wrapping on as much height as their text needs (see wrapped-rows.js).
// Browsers cap an element's height (Firefox near 17.9 million px): past MAX_HEIGHT the scroll range is
// scaled, so that any number of rows still fits.

import {WrappedRows} from './wrapped-rows.js';

const MAX_HEIGHT = 15_000_000;

/** One line per row: row r is at r × the line height. */
class UniformRows {
  constructor(viewport) {
    this.viewport = viewport;
  }

  fullHeight(count) {
    return count * this.viewport.lineHeight;
  }

  render() {
    const v = this.viewport;
    const count = v.rowCount();
    const top = v.scroller.scrollTop;
    const virtualTop = top * v.ratio;
    const first = Math.min(Math.floor(virtualTop / v.lineHeight), Math.max(0, count - 1));
    const offset = virtualTop - first * v.lineHeight;
    const last = Math.min(count, first + Math.ceil((v.scroller.clientHeight + offset) / v.lineHeight) + 1);
    v.rows.style.transform = 'translateY(' + Math.max(0, top - offset) + 'px)';
    v.renderRange(first, last);
    v.first = first;
    v.last = last;
    v.onRender(first, last);
  }

  scrollToRow(row, align) {
    const v = this.viewport;
    const client = v.scroller.clientHeight;
    const rowTop = row * v.lineHeight;
    const viewTop = v.scroller.scrollTop * v.ratio;
    if (align !== 'nearest' || rowTop < viewTop || rowTop + v.lineHeight > viewTop + client) {
      const target = rowTop - (client - v.lineHeight) / 2;
      v.scrollTo(target / v.ratio);
    }
    v.render();
  }

  anchor() {
    const v = this.viewport;
    const virtualTop = v.scroller.scrollTop * v.ratio;
    const row = Math.floor(virtualTop / v.lineHeight);
    return {row, offset: virtualTop - row * v.lineHeight};
  }

  restore(row, offset) {
    const v = this.viewport;
    v.scrollTo((row * v.lineHeight + offset) / v.ratio);
    v.render();
  }
}

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
    this.mode = new UniformRows(this);
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

  /** Wrapped rows (as tall as their text) or one line per row. */
  setWrap(wrap) {
    if (wrap !== this.mode instanceof WrappedRows) {
      this.mode = wrap ? new WrappedRows(this) : new UniformRows(this);
      this.dirty = true;
    }
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
    const full = this.mode.fullHeight(this.rowCount());
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
    this.mode.render();
  }

  /** Puts rows [first, last) in the DOM, unless they are there already and nothing changed. */
  renderRange(first, last) {
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
  }

  /** Scrolls so that `row` is in view: centred, or with 'nearest' not at all when it is already fully in view. */
  scrollToRow(row, align = 'center') {
    this.layout();
    this.mode.scrollToRow(row, align);
  }

  scrollToBottom() {
    this.layout();
    this.scrollTo(this.scroller.scrollHeight);
    this.render();
    if (!this.atBottom()) {
      // the rows just rendered brought a horizontal scroll bar (or, wrapped, turned out taller)
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

  /** A row in view and where the view is relative to it, to keep it in place later. */
  anchor() {
    return this.mode.anchor();
  }

  restore(row, offset) {
    this.layout();
    this.mode.restore(row, offset);
  }
}
