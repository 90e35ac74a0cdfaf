// The API's 400 problems shown beside the control they name. A filter problem's detail names the 1-based
// position of the problem ("filter: unexpected ')' at position 9"); the page marks that character.

import { el, fill, show } from './dom.js';

/** Which control a 400 detail is about: 'filter', 'max_per', or null for the others. */
export function controlOf(detail) {
  const match = /^(filter|max_per):/.exec(String(detail || ''));
  return match ? match[1] : null;
}

/** The 1-based position a detail names, or null. */
export function positionOf(detail) {
  const match = /\bat position (\d+)\b/.exec(String(detail || ''));
  return match ? Number(match[1]) : null;
}

/**
 * Shows the problem under the filter box: the filter with the character at the position marked (a marked
 * space when the filter ended where something was expected), then the API's words.
 */
export function showFilterProblem(box, input, filterText, detail) {
  const position = positionOf(detail);
  const parts = [];
  if (position !== null) {
    const index = Math.max(0, position - 1);
    const at = index < filterText.length ? filterText[index] : ' ';
    parts.push(el('code', { class: 'where' },
      filterText.slice(0, index),
      el('mark', { text: at, attrs: { title: `position ${position}` } }),
      filterText.slice(index + 1)));
    box.dataset.position = String(position);
  } else {
    delete box.dataset.position;
  }
  parts.push(el('span', { class: 'detail', text: detail }));
  fill(box, ...parts);
  show(box, true);
  input.setAttribute('aria-invalid', 'true');
  if (position !== null) {
    input.focus();
    const index = Math.min(position - 1, input.value.length);
    input.setSelectionRange(index, Math.min(index + 1, input.value.length));
  }
}

export function showFieldProblem(box, input, detail) {
  fill(box, detail);
  show(box, true);
  if (input) {
    input.setAttribute('aria-invalid', 'true');
  }
}

export function clearProblem(box, input) {
  fill(box);
  delete box.dataset.position;
  show(box, false);
  if (input) {
    input.removeAttribute('aria-invalid');
  }
}
