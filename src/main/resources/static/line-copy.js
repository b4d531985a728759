// Copies a range of lines as plain text: the text as shown (no escape codes), one line per line, without
// line numbers or times. Lines not loaded yet are fetched first.

import {visibleText} from './ansi.js';
import {BLOCK} from './log-model.js';

export async function copyLines(from, to, model, loader) {
  for (let n = from; n <= to; n = (Math.floor((n - 1) / BLOCK) + 1) * BLOCK + 1) {
    if (model.firstMissing(n, Math.min(to, (Math.floor((n - 1) / BLOCK) + 1) * BLOCK))) {
      await loader.load(Math.floor((n - 1) / BLOCK));
    }
  }
  const lines = [];
  for (let n = from; n <= to; n++) {
    lines.push(visibleText(model.text(n) ?? ''));
  }
  await writeClipboard(lines.join('\n') + '\n');
  return to - from + 1;
}

async function writeClipboard(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return;
    } catch (e) {
      // refused (the page lost focus, or a policy): fall back to a selection
    }
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'copy-buffer';
  document.body.appendChild(area);
  area.select();
  const copied = document.execCommand('copy');
  area.remove();
  if (!copied) {
    throw new Error('the browser did not copy');
  }
}
