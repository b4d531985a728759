// Wrapped rows for the virtual list: a row is as tall as its text needs, which only the browser knows once
// the row is rendered. A short log is simply rendered whole. A long one keeps a scroll range that counts
// every row as one line high, and its rows are placed around an anchor: the point at fraction p of the view,
// p being how far down the scroll range the view is, shows the point at fraction p of the log. So the first
// row sits at the top when scrolled to the top, the last at the bottom when scrolled to the bottom, and
// scrolling passes through a tall row in proportion to its height.

export class WrappedRows {
  constructor(viewport) {
    this.viewport = viewport;
    this.whole = false;
    this.wholeHeight = 0;
  }

  /** Rows on each side of the anchor that cover the view: every row is at least one line high. */
  reach() {
    return Math.ceil(this.viewport.scroller.clientHeight / this.viewport.lineHeight) + 1;
  }

  isShort(count) {
    return count <= 2 * this.reach() + 1;
  }

  fullHeight(count) {
    const lines = count * this.viewport.lineHeight;
    return this.isShort(count) ? Math.max(lines, this.wholeHeight) : lines;
  }

  /** How far down the scroll range the view is, from 0 to 1. */
  fraction() {
    const v = this.viewport;
    const range = v.height - v.scroller.clientHeight;
    return range > 0 ? Math.min(1, Math.max(0, v.scroller.scrollTop / range)) : 0;
  }

  render() {
    const v = this.viewport;
    const count = v.rowCount();
    if (this.isShort(count)) {
      this.renderWhole(count);
      return;
    }
    const top = v.scroller.scrollTop;
    const client = v.scroller.clientHeight;
    const p = this.fraction();
    const point = top * v.ratio + p * client;
    const anchor = Math.max(0, Math.min(count - 1, Math.floor(point / v.lineHeight)));
    const within = Math.min(1, Math.max(0, point / v.lineHeight - anchor));
    const first = Math.max(0, anchor - this.reach());
    const last = Math.min(count, anchor + this.reach() + 1);
    v.renderRange(first, last);
    const element = v.rows.children[anchor - first];
    const shift = p * client - within * element.offsetHeight - element.offsetTop;
    v.rows.style.transform = 'translateY(' + (top + shift) + 'px)';
    this.shownRows(first, shift);
    v.onRender(first, last);
  }

  /** A short log: every row rendered where it falls, the spacer as tall as they are. */
  renderWhole(count) {
    const v = this.viewport;
    v.renderRange(0, count);
    v.rows.style.transform = 'translateY(0px)';
    if (v.rows.offsetHeight !== this.wholeHeight) {
      this.wholeHeight = v.rows.offsetHeight;
      v.layout();
    }
    this.shownRows(0, -v.scroller.scrollTop);
    v.onRender(0, count);
  }

  /** Sets the viewport's first and last rows in view; `shift` places the rendered rows relative to the view. */
  shownRows(first, shift) {
    const v = this.viewport;
    const client = v.scroller.clientHeight;
    const children = v.rows.children;
    let firstShown = -1;
    let lastShown = first;
    for (let i = 0; i < children.length; i++) {
      const y = children[i].offsetTop + shift;
      if (y + children[i].offsetHeight > 0 && y < client) {
        if (firstShown < 0) {
          firstShown = first + i;
        }
        lastShown = first + i + 1;
      }
    }
    v.first = Math.max(first, firstShown);
    v.last = Math.max(lastShown, v.first);
  }

  /** The scroll position that shows `row` whole where the anchor puts it. */
  topOf(row) {
    const v = this.viewport;
    const client = v.scroller.clientHeight;
    const range = v.height - client;
    return range > 0 ? row * v.lineHeight / (v.ratio + (client - v.lineHeight) / range) : 0;
  }

  scrollToRow(row, align) {
    const v = this.viewport;
    if (this.isShort(v.rowCount())) {
      this.renderWhole(v.rowCount());
      const element = v.rows.children[row];
      const client = v.scroller.clientHeight;
      const top = v.scroller.scrollTop;
      if (element && (align !== 'nearest' || element.offsetTop < top
          || element.offsetTop + element.offsetHeight > top + client)) {
        v.scrollTo(element.offsetTop - Math.max(0, client - element.offsetHeight) / 2);
      }
    } else if (align !== 'nearest' || !(row >= v.first && row < v.last - 1)) {
      v.scrollTo(this.topOf(row));
    }
    v.render();
  }

  anchor() {
    const v = this.viewport;
    if (this.isShort(v.rowCount())) {
      const top = v.scroller.scrollTop;
      const children = [...v.rows.children];
      const row = Math.max(0, children.findIndex(child => child.offsetTop + child.offsetHeight > top));
      return {row, offset: children.length ? top - children[row].offsetTop : top};
    }
    // the anchor point rather than the top: it is what places the rows
    const point = v.scroller.scrollTop * v.ratio + this.fraction() * v.scroller.clientHeight;
    const row = Math.floor(point / v.lineHeight);
    return {row, offset: point - row * v.lineHeight};
  }

  restore(row, offset) {
    const v = this.viewport;
    const count = v.rowCount();
    if (this.isShort(count)) {
      this.renderWhole(count);
      const element = v.rows.children[Math.min(row, count - 1)];
      v.scrollTo(element ? element.offsetTop + offset : 0);
    } else {
      const range = v.height - v.scroller.clientHeight;
      const point = row * v.lineHeight + offset;
      v.scrollTo(range > 0 ? point / (v.ratio + v.scroller.clientHeight / range) : 0);
    }
    v.render();
  }
}
