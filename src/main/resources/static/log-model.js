// The log as the viewer knows it: every line number up to `total` has a row, whether its text is loaded
// or not; loaded text is kept in blocks of BLOCK lines, with the byte offset where each line ends (for its
// arrival time) when known. Group markers (GitHub Actions `::group::` /
// `::endgroup::`, GitLab `section_start` / `section_end`) pair into groups; the lines of a collapsed group
// and every end marker are hidden, and rows map to line numbers around them.

import {parseLine} from './ansi.js';

export const BLOCK = 1000;

/** The index of the first element of a sorted array that is >= n (its length when there is none). */
export function lowerBound(sorted, n) {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid] < n) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low;
}

const TIMESTAMP = '(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?Z) ?';
const GITHUB_START = new RegExp('^(?:' + TIMESTAMP + ')?(?:::group::|##\\[group\\])');
const GITHUB_END = new RegExp('^(?:' + TIMESTAMP + ')?(?:::endgroup::|##\\[endgroup\\])');
const GITLAB = /section_(start|end):(\d+):([^\s\[\x1b]+)(\[[^\]]*\])?/;

/**
 * The group marker of a raw line, or null: {kind: 'start'|'end', flavour: 'github'|'gitlab', name,
 * time (ms or null), collapsed, titleFrom (where the title starts in the shown text)}.
 */
export function markerOf(raw) {
  if (raw.includes('section_')) {
    const m = GITLAB.exec(raw);
    if (m) {
      return {
        kind: m[1], flavour: 'gitlab', name: m[3], time: Number(m[2]) * 1000,
        collapsed: /collapsed=true/.test(m[4] || ''), titleFrom: 0,
      };
    }
  }
  if (raw.includes('group')) {
    const text = parseLine(raw).text;
    let m = GITHUB_START.exec(text);
    if (m) {
      return {kind: 'start', flavour: 'github', name: '', time: m[1] ? Date.parse(m[1]) : null, collapsed: false,
        titleFrom: m[0].length};
    }
    m = GITHUB_END.exec(text);
    if (m) {
      return {kind: 'end', flavour: 'github', name: '', time: m[1] ? Date.parse(m[1]) : null, collapsed: false,
        titleFrom: 0};
    }
  }
  return null;
}

class LineStore {
  constructor() {
    this.blocks = new Map();
  }

  get(n) {
    const block = this.blocks.get(Math.floor((n - 1) / BLOCK));
    return block ? block.lines[(n - 1) % BLOCK] : undefined;
  }

  /** Where line n ends in the file (a byte offset), or 0 when not known. */
  end(n) {
    const block = this.blocks.get(Math.floor((n - 1) / BLOCK));
    return block ? block.ends[(n - 1) % BLOCK] : 0;
  }

  /** Stores a line (and where it ends, when known); false when it was there already. */
  set(n, text, end) {
    const index = Math.floor((n - 1) / BLOCK);
    let block = this.blocks.get(index);
    if (!block) {
      block = {lines: new Array(BLOCK), ends: new Float64Array(BLOCK), count: 0};
      this.blocks.set(index, block);
    }
    const at = (n - 1) % BLOCK;
    const known = block.lines[at] !== undefined;
    block.lines[at] = text;
    if (end) {
      block.ends[at] = end;
    }
    if (!known) {
      block.count++;
    }
    return !known;
  }

  /** The first line in [from, to] that is not loaded, or 0 when all are. */
  firstMissing(from, to) {
    let n = from;
    while (n <= to) {
      const index = Math.floor((n - 1) / BLOCK);
      const block = this.blocks.get(index);
      const blockEnd = Math.min(to, (index + 1) * BLOCK);
      if (!block) {
        return n;
      }
      if (block.count < BLOCK) {
        for (; n <= blockEnd; n++) {
          if (block.lines[(n - 1) % BLOCK] === undefined) {
            return n;
          }
        }
      }
      n = blockEnd + 1;
    }
    return 0;
  }
}

/** The UTF-8 length of a string, without encoding it. */
function utf8Length(text) {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      bytes += 1;
    } else if (c < 0x800) {
      bytes += 2;
    } else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else {
      bytes += 3;
    }
  }
  return bytes;
}

/**
 * Where each of `texts` ends in the file, given where the first starts (`from`, or null) and where the last
 * ends (`next`). A line's bytes are its UTF-8 and its "\n"; a log written with "\r\n", or with malformed bytes
 * shown as U+FFFD, differs a little, so the ends are stretched to meet `next` exactly.
 */
export function lineEnds(texts, from, next) {
  const ends = new Array(texts.length);
  let total = 0;
  for (let i = 0; i < texts.length; i++) {
    total += utf8Length(texts[i]) + 1;
    ends[i] = total;
  }
  const start = from === null || from === undefined ? next - total : Number(from);
  const scale = total > 0 ? (next - start) / total : 1;
  for (let i = 0; i < texts.length; i++) {
    ends[i] = start + Math.round(ends[i] * scale);
  }
  return ends;
}

export class LogModel {
  constructor() {
    // says whether lines [from, to] hold an error: a group with one starts unfolded
    this.hasError = () => false;
    this.clear();
  }

  clear() {
    this.store = new LineStore();
    this.total = 0;
    this.markers = new Map();
    this.markerLines = [];
    this.folded = new Map();
    this.groups = new Map();
    this.groupStarts = [];
    this.hidden = [];
    this.hiddenBefore = [];
    this.hiddenCount = 0;
  }

  text(n) {
    return this.store.get(n);
  }

  /** Where line n ends in the file, or 0 when not known. */
  lineEnd(n) {
    return this.store.end(n);
  }

  /** Adds lines first, first+1, … (`ends`: where each ends in the file, if known); the log has at least that many lines now. */
  addLines(first, texts, ends = null) {
    let markersChanged = false;
    let added = false;
    for (let i = 0; i < texts.length; i++) {
      const n = first + i;
      if (this.store.set(n, texts[i], ends ? ends[i] : 0)) {
        added = true;
        const marker = markerOf(texts[i]);
        if (marker) {
          this.addMarker(n, marker);
          markersChanged = true;
        }
      }
    }
    const grew = first + texts.length - 1 > this.total;
    this.total = Math.max(this.total, first + texts.length - 1);
    // new lines may fill a gap between markers, or extend a group that is still open
    if (markersChanged || ((added || grew) && this.markerLines.length)) {
      this.layoutGroups();
    }
  }

  /** The log has at least `total` lines (some maybe not loaded). */
  growTo(total) {
    if (total > this.total) {
      this.total = total;
      if (this.markerLines.length) {
        this.layoutGroups();
      }
    }
  }

  firstMissing(from, to) {
    return this.store.firstMissing(Math.max(1, from), Math.min(this.total, to));
  }

  addMarker(n, marker) {
    this.markers.set(n, marker);
    const lines = this.markerLines;
    if (!lines.length || lines[lines.length - 1] < n) {
      lines.push(n);
    } else {
      let at = lines.length;
      while (at > 0 && lines[at - 1] > n) {
        at--;
      }
      lines.splice(at, 0, n);
    }
  }

  /** The group that starts at line n, or undefined. */
  group(n) {
    return this.groups.get(n);
  }

  isFolded(group) {
    if (this.folded.has(group.start)) {
      return this.folded.get(group.start);
    }
    return group.marker.collapsed && !this.hasError(group.start + 1, group.last);
  }

  setFolded(start, folded) {
    this.folded.set(start, folded);
    this.layoutGroups();
  }

  /** Folds every group (but those holding an error line, which stay open), or unfolds every group. */
  setAllFolded(folded) {
    for (const group of this.groups.values()) {
      this.folded.set(group.start, folded && !this.hasError(group.start + 1, group.last));
    }
    this.layoutGroups();
  }

  /** Unfolds every group that hides line n. */
  unfoldAround(n) {
    let changed = false;
    for (const group of this.groups.values()) {
      if (group.start < n && n <= group.last && this.isFolded(group)) {
        this.folded.set(group.start, false);
        changed = true;
      }
    }
    if (changed) {
      this.layoutGroups();
    }
  }

  /**
   * Pairs markers into groups. A GitHub group ends at `::endgroup::` or where the next one starts; a GitLab
   * section at the end with its name. A group whose end lies past lines not loaded yet ends, for now, before them.
   */
  layoutGroups() {
    const groups = new Map();
    let open = [];
    let previous = 0;
    const close = (group, last, endLine) => {
      group.last = Math.max(group.start, last);
      group.endLine = endLine;
      const end = endLine ? this.markers.get(endLine) : null;
      group.duration = end && end.time !== null && group.marker.time !== null ? end.time - group.marker.time : null;
    };
    for (const n of this.markerLines) {
      if (open.length && previous) {
        const gap = this.store.firstMissing(previous + 1, n - 1);
        if (gap) {
          open.forEach(group => close(group, gap - 1, null));
          open = [];
        }
      }
      const marker = this.markers.get(n);
      if (marker.kind === 'start') {
        if (marker.flavour === 'github') {
          const index = open.findIndex(group => group.marker.flavour === 'github');
          if (index >= 0) {
            open.splice(index).forEach(group => close(group, n - 1, null));
          }
        }
        const group = {start: n, marker, last: n, endLine: null, duration: null, open: false, depth: open.length};
        groups.set(n, group);
        open.push(group);
      } else {
        let index = open.length - 1;
        while (index >= 0 && !(open[index].marker.flavour === marker.flavour
            && (marker.flavour === 'github' || open[index].marker.name === marker.name))) {
          index--;
        }
        if (index >= 0) {
          const inner = open.splice(index);
          close(inner[0], n, n);
          inner.slice(1).forEach(group => close(group, n - 1, null));
        }
      }
      previous = n;
    }
    if (open.length) {
      const gap = this.store.firstMissing(previous + 1, this.total);
      open.forEach(group => {
        close(group, gap ? gap - 1 : this.total, null);
        group.open = !gap;
      });
    }
    this.groups = groups;
    this.groupStarts = [...groups.keys()];
    this.layoutHidden();
  }

  /** How many groups line n is inside (a group's own header is not inside it). */
  depthOf(n) {
    const starts = this.groupStarts;
    // the nearest group before n that has not ended is the innermost around it; a top-level group that
    // ended before n means no earlier group reaches n either
    for (let i = lowerBound(starts, n) - 1; i >= 0; i--) {
      const group = this.groups.get(starts[i]);
      if (group.last >= n) {
        return group.depth + 1;
      }
      if (group.depth === 0) {
        return 0;
      }
    }
    return 0;
  }

  layoutHidden() {
    const ranges = [];
    for (const n of this.markerLines) {
      const marker = this.markers.get(n);
      if (marker.kind === 'end') {
        ranges.push([n, n]);
      } else {
        const group = this.groups.get(n);
        if (group && group.last > n && this.isFolded(group)) {
          ranges.push([n + 1, group.last]);
        }
      }
    }
    ranges.sort((a, b) => a[0] - b[0]);
    const merged = [];
    for (const range of ranges) {
      const last = merged[merged.length - 1];
      if (last && range[0] <= last[1] + 1) {
        last[1] = Math.max(last[1], range[1]);
      } else {
        merged.push([range[0], range[1]]);
      }
    }
    this.hidden = merged;
    this.hiddenBefore = [];
    let count = 0;
    for (const range of merged) {
      this.hiddenBefore.push(count);
      count += range[1] - range[0] + 1;
    }
    this.hiddenCount = count;
  }

  get rowCount() {
    return Math.max(0, this.total - this.hiddenCount);
  }

  /** The line shown in row `row` (0-based). */
  lineOfRow(row) {
    // ranges before which fewer than row+1 lines are shown push the row's line past themselves
    let low = 0;
    let high = this.hidden.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const shownBefore = this.hidden[mid][0] - 1 - this.hiddenBefore[mid];
      if (shownBefore <= row) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return row + 1 + (low === 0 ? 0 : this.hiddenBefore[low - 1] + this.hidden[low - 1][1] - this.hidden[low - 1][0] + 1);
  }

  /** The row of line n; a hidden line gives the row of the shown line before it. */
  rowOfLine(n) {
    let low = 0;
    let high = this.hidden.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.hidden[mid][0] <= n) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    if (low === 0) {
      return n - 1;
    }
    const range = this.hidden[low - 1];
    if (n <= range[1]) {
      return Math.max(0, range[0] - 1 - this.hiddenBefore[low - 1] - 1);
    }
    return n - 1 - (this.hiddenBefore[low - 1] + range[1] - range[0] + 1);
  }
}
