// Book cards: cover (or a neutral placeholder), title, authors, score bar and the "because" reason. Every
// card has the same height, loaded or not, so that results arriving never move the page.

import { asList, el, fill } from './dom.js';

let ids = 0;

/** An https picture URL, or null: anything else (javascript:, data:, relative paths) is never loaded. */
export function coverUrl(details) {
  const attributes = details && details.attributes;
  const value = attributes && typeof attributes === 'object' ? attributes.cover_url : null;
  if (typeof value !== 'string') {
    return null;
  }
  try {
    const url = new URL(value);
    return url.protocol === 'https:' ? url.href : null;
  } catch (e) {
    return null;
  }
}

/** The cover box: neutral while the item's details are unknown; "No cover" when it has none or it fails to load. */
export function cover() {
  return el('div', { class: 'cover', attrs: { 'aria-hidden': 'true' } }, el('span', { class: 'no-cover', text: 'No cover' }));
}

export function setCover(box, details) {
  const url = coverUrl(details);
  const old = box.querySelector('img');
  if (old) {
    old.remove();
  }
  box.classList.remove('loaded');
  box.classList.toggle('missing', !url);
  if (!url) {
    return;
  }
  const img = el('img', { attrs: { alt: '', width: 64, height: 96, decoding: 'async', referrerpolicy: 'no-referrer' } });
  img.addEventListener('load', () => box.classList.add('loaded'));
  img.addEventListener('error', () => {
    img.remove();
    box.classList.add('missing');
  });
  img.src = url;
  box.append(img);
}

function formatScore(score) {
  if (typeof score !== 'number' || !Number.isFinite(score)) {
    return '';
  }
  return Math.abs(score) >= 1000 ? Math.round(score).toLocaleString('en') : score.toFixed(4);
}

/**
 * One card.
 * @param item     {item_id, title, score, because?} from a recommendations or similar-items answer
 * @param position 1-based rank
 * @param scale    the largest |score| of the list, for the bar
 * @param actions  nodes to put under the text (buttons), or none
 */
export function bookCard(item, position, scale, { onOpen, actions = [] } = {}) {
  const titleId = `book-title-${++ids}`;
  const title = item.title === undefined || item.title === null ? item.item_id : String(item.title);
  const fraction = scale > 0 && typeof item.score === 'number' ? Math.max(0, Math.min(1, item.score / scale)) : 0;
  const fillBar = el('span', { class: 'fill' });
  // CSSOM, not a style attribute: the page's policy forbids inline styles in markup.
  fillBar.style.width = `${(fraction * 100).toFixed(1)}%`;
  const because = item.because && typeof item.because === 'object'
    ? el('p', { class: 'because' }, 'Because the user bought ', el('cite', { text: item.because.title || item.because.item_id }),
      typeof item.because.similarity === 'number' ? ` (similarity ${item.because.similarity.toFixed(2)})` : '')
    : el('p', { class: 'because empty', text: '' });
  return el('li', { class: 'book', data: { itemId: item.item_id } },
    el('span', { class: 'rank', text: position, attrs: { 'aria-hidden': 'true' } }),
    cover(),
    el('div', { class: 'text' },
      el('h3', { class: 'book-heading' },
        el('button', {
          class: 'book-title link', text: title,
          attrs: { type: 'button', id: titleId, title, 'aria-haspopup': 'dialog' },
          on: { click: () => onOpen && onOpen(item) },
        })),
      el('p', { class: 'authors', text: '\u00a0' }),
      el('div', { class: 'score' },
        el('span', { class: 'bar', attrs: { 'aria-hidden': 'true' } }, fillBar),
        el('span', { class: 'value', text: formatScore(item.score), attrs: { 'aria-label': `score ${formatScore(item.score)}` } })),
      because,
      actions.length ? el('div', { class: 'actions' }, actions.map((make) => make(titleId))) : null));
}

/** Fills a card's authors and cover once the item's details are known. */
export function completeCard(card, details) {
  const authors = asList(details && details.authors);
  fill(card.querySelector('.authors'), authors.length ? authors.join(', ') : '\u00a0');
  setCover(card.querySelector('.cover'), details);
}

/** A card-sized placeholder while an answer is on its way. */
export function skeletonCard() {
  return el('li', { class: 'book skeleton', attrs: { 'aria-hidden': 'true' } },
    el('span', { class: 'rank' }), cover(),
    el('div', { class: 'text' }, el('span', { class: 'line long' }), el('span', { class: 'line' }),
      el('span', { class: 'line short' })));
}

/** The largest |score| of a list (at least a tiny positive number). */
export function scaleOf(items) {
  return items.reduce((max, item) => Math.max(max, Math.abs(Number(item.score) || 0)), 0) || 1e-9;
}
