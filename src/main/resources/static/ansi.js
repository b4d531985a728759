// What a raw log line shows on a terminal, with its colours: SGR styles (bold, dim, italic, underline,
// strike, inverse; 8/16/256/truecolor foreground and background), other escape sequences removed, "\r" and
// backspace moving the cursor so that later text overwrites earlier text (a progress bar shows its last
// state), erase-in-line honoured. LogText.java follows the same rules for the server's search.

const ESC = 0x1b;
const BEL = 0x07;

/**
 * Parses one raw line. Returns {text, runs}: the shown text, and runs {start, end, style} covering it,
 * where style is null (default) or a frozen object {fg, bg, bold, dim, italic, underline, strike,
 * inverse}; a colour is a palette index 0-255 or a "#rrggbb" string.
 */
export function parseLine(raw) {
  if (isPlain(raw)) {
    return {text: raw, runs: raw.length ? [{start: 0, end: raw.length, style: null}] : []};
  }
  const screen = new Screen();
  let style = null;
  const length = raw.length;
  let i = 0;
  while (i < length) {
    const c = raw.charCodeAt(i);
    if (c === ESC) {
      if (raw.charCodeAt(i + 1) === 0x5b) { // '['
        const end = csiEnd(raw, i + 2);
        if (end < 0) {
          break;
        }
        const command = raw[end];
        const parameters = raw.substring(i + 2, end);
        if (command === 'm') {
          style = applySgr(style, parameters);
        } else {
          screen.control(command, parameters);
        }
        i = end + 1;
      } else {
        i = skipEscape(raw, i);
      }
      continue;
    }
    if (c === 0x0d) {
      screen.column = 0;
    } else if (c === 0x08) {
      screen.column = Math.max(0, screen.column - 1);
    } else if (c === 0x09 || (c >= 0x20 && c !== 0x7f)) {
      screen.put(raw[i], style);
    }
    i++;
  }
  return screen.result();
}

/** The shown text of a raw line, without its styles. */
export function visibleText(raw) {
  return isPlain(raw) ? raw : parseLine(raw).text;
}

function isPlain(raw) {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) {
      return false;
    }
  }
  return true;
}

/** One line of a terminal: a cell per UTF-16 code unit, each with its style. */
class Screen {
  constructor() {
    this.chars = [];
    this.styles = [];
    this.column = 0;
  }

  put(ch, style) {
    while (this.chars.length < this.column) {
      this.chars.push(' ');
      this.styles.push(null);
    }
    this.chars[this.column] = ch;
    this.styles[this.column] = style;
    this.column++;
  }

  control(command, parameters) {
    const n = firstNumber(parameters);
    if (command === 'K') {
      if (n <= 0) {
        if (this.column < this.chars.length) {
          this.chars.length = this.column;
          this.styles.length = this.column;
        }
      } else if (n === 1) {
        for (let i = 0; i <= this.column && i < this.chars.length; i++) {
          this.chars[i] = ' ';
          this.styles[i] = null;
        }
      } else if (n === 2) {
        this.chars.length = 0;
        this.styles.length = 0;
      }
    } else if (command === 'G') {
      this.column = Math.max(0, (n <= 0 ? 1 : n) - 1);
    } else if (command === 'C') {
      this.column += Math.max(1, n);
    } else if (command === 'D') {
      this.column = Math.max(0, this.column - Math.max(1, n));
    }
  }

  result() {
    const runs = [];
    for (let i = 0; i < this.styles.length; i++) {
      const last = runs[runs.length - 1];
      if (last && sameStyle(last.style, this.styles[i])) {
        last.end = i + 1;
      } else {
        runs.push({start: i, end: i + 1, style: this.styles[i]});
      }
    }
    return {text: this.chars.join(''), runs};
  }
}

function csiEnd(raw, from) {
  for (let i = from; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 0x40 && c <= 0x7e) {
      return i;
    }
  }
  return -1;
}

/** The first parameter of a CSI sequence, -1 when it has none. */
function firstNumber(parameters) {
  let value = -1;
  for (let i = 0; i < parameters.length; i++) {
    const c = parameters.charCodeAt(i);
    if (c < 0x30 || c > 0x39) {
      break;
    }
    value = Math.min(100000, Math.max(0, value) * 10 + (c - 0x30));
  }
  return value;
}

/** Skips an escape sequence other than CSI: OSC/DCS up to BEL or ST, a charset designation, or ESC + one. */
function skipEscape(raw, at) {
  if (at + 1 >= raw.length) {
    return raw.length;
  }
  const kind = raw[at + 1];
  if (kind === ']' || kind === 'P' || kind === '_' || kind === '^') {
    for (let i = at + 2; i < raw.length; i++) {
      const c = raw.charCodeAt(i);
      if (c === BEL) {
        return i + 1;
      }
      if (c === ESC && raw[i + 1] === '\\') {
        return i + 2;
      }
    }
    return raw.length;
  }
  if ('()*+#%'.includes(kind)) {
    return Math.min(raw.length, at + 3);
  }
  return at + 2;
}

const ATTRIBUTES = ['bold', 'dim', 'italic', 'underline', 'strike', 'inverse'];

function sameStyle(a, b) {
  if (a === b) {
    return true;
  }
  if (!a || !b) {
    return false;
  }
  return a.fg === b.fg && a.bg === b.bg && ATTRIBUTES.every(name => a[name] === b[name]);
}

/** The style after the SGR sequence with these parameters. */
function applySgr(style, parameters) {
  const next = Object.assign({}, style);
  const parts = parameters === '' ? ['0'] : parameters.split(';');
  for (let i = 0; i < parts.length; i++) {
    const sub = parts[i].split(':');
    const code = sub[0] === '' ? 0 : Number(sub[0]);
    if (code === 38 || code === 48 || code === 58) {
      let colour;
      if (sub.length > 1) {
        colour = extendedColour(sub.slice(1), true);
      } else {
        const found = extendedColour(parts.slice(i + 1), false);
        colour = found;
        i += parts[i + 1] === '5' ? 2 : parts[i + 1] === '2' ? 4 : 0;
      }
      if (colour !== undefined && code !== 58) {
        next[code === 38 ? 'fg' : 'bg'] = colour;
      }
      continue;
    }
    applyCode(next, code, sub);
  }
  return normalise(next);
}

/** SGR codes that switch one attribute on or off. */
const SWITCHES = {
  1: ['bold', true], 2: ['dim', true], 3: ['italic', true], 7: ['inverse', true], 9: ['strike', true],
  21: ['underline', true], 23: ['italic', false], 24: ['underline', false], 27: ['inverse', false],
  29: ['strike', false],
};

function applyCode(style, code, sub) {
  if (SWITCHES[code]) {
    style[SWITCHES[code][0]] = SWITCHES[code][1];
  } else if (code === 0) {
    for (const key of Object.keys(style)) {
      delete style[key];
    }
  } else if (code === 4) {
    style.underline = sub[1] !== '0';
  } else if (code === 22) {
    style.bold = false;
    style.dim = false;
  } else if (code >= 30 && code <= 37) {
    style.fg = code - 30;
  } else if (code === 39) {
    delete style.fg;
  } else if (code >= 40 && code <= 47) {
    style.bg = code - 40;
  } else if (code === 49) {
    delete style.bg;
  } else if (code >= 90 && code <= 97) {
    style.fg = code - 90 + 8;
  } else if (code >= 100 && code <= 107) {
    style.bg = code - 100 + 8;
  }
}

/**
 * The colour of "5;n" or "2;r;g;b" (after 38/48). In the colon form a colour-space id may stand before
 * r:g:b ("38:2::r:g:b"). Undefined when malformed.
 */
function extendedColour(values, colonForm) {
  if (values[0] === '5') {
    const index = Number(values[1]);
    return Number.isInteger(index) && index >= 0 && index <= 255 && values[1] !== '' ? index : undefined;
  }
  if (values[0] === '2') {
    let rgb = values.slice(1, 4);
    if (colonForm && values.length >= 5) {
      rgb = values.slice(2, 5);
    }
    if (rgb.length < 3 || rgb.some(v => v === '' || !(Number(v) >= 0 && Number(v) <= 255))) {
      return undefined;
    }
    return '#' + rgb.map(v => Number(v).toString(16).padStart(2, '0')).join('');
  }
  return undefined;
}

function normalise(style) {
  const clean = {};
  let any = false;
  if (style.fg !== undefined) {
    clean.fg = style.fg;
    any = true;
  }
  if (style.bg !== undefined) {
    clean.bg = style.bg;
    any = true;
  }
  for (const name of ATTRIBUTES) {
    if (style[name]) {
      clean[name] = true;
      any = true;
    }
  }
  return any ? Object.freeze(clean) : null;
}

const CUBE = [0, 95, 135, 175, 215, 255];

/** The CSS colour of palette entries 16-255 (the first 16 follow the theme, through classes). */
export function paletteColour(index) {
  if (index < 232) {
    const n = index - 16;
    return rgb(CUBE[Math.floor(n / 36)], CUBE[Math.floor(n / 6) % 6], CUBE[n % 6]);
  }
  const grey = 8 + (index - 232) * 10;
  return rgb(grey, grey, grey);
}

function rgb(r, g, b) {
  return '#' + [r, g, b].map(v => v.toString(16).padStart(2, '0')).join('');
}

/**
 * Appends `text` (from parseLine) to `parent` as text nodes and spans, with `marks` ({start, end} ranges
 * sorted and not overlapping) wrapped in <mark>. Only textContent is ever set: log text is never HTML.
 */
export function appendStyled(parent, text, runs, marks = []) {
  const cuts = new Set([0, text.length]);
  for (const run of runs) {
    cuts.add(run.start);
    cuts.add(run.end);
  }
  for (const mark of marks) {
    cuts.add(Math.max(0, Math.min(text.length, mark.start)));
    cuts.add(Math.max(0, Math.min(text.length, mark.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  let run = 0;
  let mark = 0;
  let markElement = null;
  for (let p = 0; p + 1 < points.length; p++) {
    const start = points[p];
    const end = points[p + 1];
    while (run < runs.length && runs[run].end <= start) {
      run++;
    }
    while (mark < marks.length && marks[mark].end <= start) {
      mark++;
    }
    const style = run < runs.length && runs[run].start <= start ? runs[run].style : null;
    const inMark = mark < marks.length && marks[mark].start <= start;
    let target = parent;
    if (inMark) {
      if (!markElement || markElement.dataset.index !== String(mark)) {
        markElement = document.createElement('mark');
        markElement.dataset.index = String(mark);
        parent.appendChild(markElement);
      }
      target = markElement;
    } else {
      markElement = null;
    }
    const piece = text.substring(start, end);
    if (style) {
      const span = document.createElement('span');
      styleElement(span, style);
      span.textContent = piece;
      target.appendChild(span);
    } else {
      target.appendChild(document.createTextNode(piece));
    }
  }
}

/** Classes for the 16 theme colours and attributes; computed colours through the CSSOM (no style attribute). */
function styleElement(span, style) {
  let fg = style.fg;
  let bg = style.bg;
  const classes = [];
  if (style.inverse) {
    [fg, bg] = [bg, fg];
    if (fg === undefined) {
      classes.push('fi');
    }
    if (bg === undefined) {
      classes.push('gi');
    }
  }
  colour(span, classes, fg, 'f', 'color');
  colour(span, classes, bg, 'g', 'backgroundColor');
  if (style.bold) {
    classes.push('b');
  }
  if (style.dim) {
    classes.push('d');
  }
  if (style.italic) {
    classes.push('i');
  }
  if (style.underline) {
    classes.push('u');
  }
  if (style.strike) {
    classes.push('s');
  }
  span.className = classes.join(' ');
}

function colour(span, classes, value, prefix, property) {
  if (value === undefined) {
    return;
  }
  if (typeof value === 'number' && value < 16) {
    classes.push(prefix + value);
  } else {
    span.style[property] = typeof value === 'number' ? paletteColour(value) : value;
  }
}
