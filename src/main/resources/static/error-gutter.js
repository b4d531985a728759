// A strip beside the log's scroll bar that marks every error line of the whole log where it lies in the
// scroll range, so that errors far from the view can be seen and reached with a click.

const MARK_PX = 3;
const REACH_PX = 6;

export class ErrorGutter {
  /**
   * `scroller` is the log; the strip is laid over its right edge. `errors()` gives the error lines, sorted;
   * `rows` maps lines to rows (rowCount, rowOfLine); `onPick(line)` is called on a click near a mark.
   */
  constructor(scroller, {errors, rows, onPick}) {
    this.scroller = scroller;
    this.errors = errors;
    this.rows = rows;
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'error-gutter';
    this.canvas.setAttribute('aria-hidden', 'true');
    this.canvas.hidden = true;
    scroller.parentNode.appendChild(this.canvas);
    this.frame = 0;
    this.canvas.addEventListener('click', event => {
      const line = this.lineAt(event.offsetY);
      if (line) {
        onPick(line);
      }
    });
    this.canvas.addEventListener('mousemove', event => {
      const line = this.lineAt(event.offsetY);
      this.canvas.title = line ? 'Error on line ' + line.toLocaleString() : '';
      this.canvas.classList.toggle('pointing', Boolean(line));
    });
    new ResizeObserver(() => this.refresh()).observe(scroller);
  }

  /** The errors or the rows changed: draw again soon. */
  refresh() {
    if (!this.frame) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.draw();
      });
    }
  }

  /** Where line n's mark is, in CSS pixels from the strip's top. */
  yOf(n, height) {
    const count = Math.max(1, this.rows().rowCount);
    return Math.min(height - MARK_PX, (this.rows().rowOfLine(n) + 0.5) / count * height - MARK_PX / 2);
  }

  draw() {
    const lines = this.errors();
    const canvas = this.canvas;
    canvas.hidden = lines.length === 0;
    if (canvas.hidden) {
      return;
    }
    const scroller = this.scroller;
    const height = scroller.clientHeight;
    const ratio = window.devicePixelRatio || 1;
    canvas.style.right = (scroller.offsetWidth - scroller.clientWidth - scroller.clientLeft) + 'px';
    canvas.style.top = scroller.offsetTop + scroller.clientTop + 'px';
    canvas.style.height = height + 'px';
    canvas.width = Math.round(canvas.offsetWidth * ratio);
    canvas.height = Math.round(height * ratio);
    const context = canvas.getContext('2d');
    context.scale(ratio, ratio);
    context.fillStyle = getComputedStyle(canvas).color;
    let lastY = -Infinity;
    for (const n of lines) {
      const y = Math.round(this.yOf(n, height));
      if (y > lastY) {
        context.fillRect(0, Math.max(0, y), canvas.offsetWidth, MARK_PX);
        lastY = y;
      }
    }
  }

  /** The error line whose mark is nearest to `y`, if one is within reach. */
  lineAt(y) {
    const height = this.scroller.clientHeight;
    let best = 0;
    let distance = REACH_PX;
    for (const n of this.errors()) {
      const d = Math.abs(this.yOf(n, height) + MARK_PX / 2 - y);
      if (d <= distance) {
        best = n;
        distance = d;
      }
    }
    return best;
  }
}
