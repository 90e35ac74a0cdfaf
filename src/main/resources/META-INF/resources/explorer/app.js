// The recommendations explorer: one user's profile, latest behaviour and recommendations (one column per
// model, see models.js), the controls of the call, similar items of a book, and buttons that post events.
// It uses only the public API, with the token the person pastes.

import { ApiError, createApi, query, segment } from './api.js';
import { bookCard, completeCard, scaleOf, skeletonCard } from './books.js';
import { asList, asText, el, fill, show } from './dom.js';
import { chooseColumns, loadModels, overlap } from './models.js';
import { clearProblem, controlOf, showFieldProblem, showFilterProblem } from './problems.js';
import { cleanToken, fetchDevToken, storeToken, storedToken } from './token.js';

const $ = (id) => document.getElementById(id);
const USER_ID = /^[A-Za-z0-9._:@-]{1,128}$/;
const MAX_POSITION = 1000;

const state = {
  token: storedToken(),
  devToken: false,
  user: '',
  k: 10,
  offset: 0,
  excludeSeen: true,
  maxPer: '',
  filter: '',
  model: '',
  catalog: null,
  seq: 0,
  similarSeq: 0,
};
const api = createApi(() => state.token);
const details = new Map();

// ---- URL: ?user= ?model= ?filter= open a user directly -------------------------------------------------

function readUrl() {
  const params = new URLSearchParams(location.search);
  state.user = params.get('user') || '';
  state.model = params.get('model') || '';
  state.filter = params.get('filter') || '';
}

function writeUrl() {
  const params = new URLSearchParams();
  for (const [name, value] of [['user', state.user], ['model', state.model], ['filter', state.filter]]) {
    if (value) {
      params.set(name, value);
    }
  }
  const search = params.toString();
  history.replaceState(null, '', search ? `?${search}` : location.pathname);
}

function syncControls() {
  $('user-input').value = state.user;
  $('k-input').value = String(state.k);
  $('exclude-input').checked = state.excludeSeen;
  $('maxper-input').value = state.maxPer;
  $('filter-input').value = state.filter;
}

function readControls() {
  const k = Number($('k-input').value);
  state.k = Number.isInteger(k) && k >= 1 && k <= 100 ? k : 10;
  $('k-input').value = String(state.k);
  state.excludeSeen = $('exclude-input').checked;
  state.maxPer = $('maxper-input').value.trim();
  state.filter = $('filter-input').value.trim();
}

// ---- Token --------------------------------------------------------------------------------------------

/** With a token in use the form shrinks to its state and two buttons; without one it asks for a token. */
function renderToken(message, { entry = !state.token } = {}) {
  $('token-form').classList.toggle('held', !entry);
  $('token-state').textContent = message
    || (state.token ? 'A token is in use (kept in this tab only).' : 'No token: calls go without one.');
}

async function useToken(token, message) {
  state.token = token;
  storeToken(token);
  $('token-input').value = '';
  hideBanner();
  renderToken(message);
  await refreshModels();
  if (state.user) {
    await load();
  }
}

function unauthorized(error) {
  const refused = Boolean(state.token);
  if (refused) {
    // A refused token (expired, another issuer, forged) cannot work again: forget it.
    state.token = '';
    storeToken('');
  }
  const devHint = state.devToken ? ', or use the dev token' : '';
  showBanner(refused
    ? `The service refused the token: ${error.detail}. It may have expired: paste a new one${devHint}.`
    : `This service needs a bearer token: paste one above${devHint}.`, 'unauthorized');
  renderToken(refused ? 'The token was refused and is forgotten.' : undefined);
}

function showBanner(text, kind) {
  const banner = $('banner');
  banner.textContent = text;
  banner.dataset.kind = kind || 'error';
  show(banner, true);
}

function hideBanner() {
  show($('banner'), false);
  $('banner').textContent = '';
}

// ---- Items: titles, authors and covers, read once per page view ---------------------------------------

function itemDetails(id) {
  if (!details.has(id)) {
    details.set(id, api.get(`/v1/items/${segment(id)}`).catch((e) => {
      details.delete(id);
      return null;
    }));
  }
  return details.get(id);
}

function completeCards(container) {
  for (const card of container.querySelectorAll('li.book[data-item-id]')) {
    itemDetails(card.dataset.itemId).then((d) => {
      if (card.isConnected) {
        completeCard(card, d);
      }
    });
  }
}

// ---- Models -------------------------------------------------------------------------------------------

async function refreshModels() {
  try {
    state.catalog = await loadModels(api);
  } catch (e) {
    state.catalog = null;
  }
  const select = $('model-select');
  const models = state.catalog ? state.catalog.models.filter((m) => m.state !== 'retired') : [];
  fill(select, el('option', { attrs: { value: '' }, text: 'By traffic share' }),
    models.map((m) => {
      const share = state.catalog.split[m.model];
      return el('option', {
        attrs: { value: m.model },
        text: `${m.model} (${m.state}${share !== undefined ? `, ${share} %` : ''})`,
      });
    }));
  select.value = models.some((m) => m.model === state.model) ? state.model : '';
  show($('model-field'), models.length > 0);
}

// ---- Loading a user -----------------------------------------------------------------------------------

/** Reads the user's recommendations (and profile, unless only the page of results changes). */
async function load({ profile = true } = {}) {
  const seq = ++state.seq;
  clearProblems();
  hideNotice();
  if (state.user && !USER_ID.test(state.user)) {
    showFieldProblem($('user-error'), $('user-input'), 'A user id is 1 to 128 characters of A-Z a-z 0-9 . _ : @ -');
    state.user = '';
  }
  writeUrl();
  if (!state.user) {
    fill($('columns'));
    $('status').textContent = 'Choose a user to see their recommendations.';
    fill($('profile-facts'));
    fill($('profile-purchased'));
    fill($('profile-events'));
    $('profile-state').textContent = 'Choose a user.';
    updatePager([]);
    finished(seq);
    return;
  }
  await Promise.all([loadRecommendations(seq), profile ? loadProfile(seq) : null]);
  finished(seq);
}

/** Marks the page settled after the latest load (tests wait for this number to change). */
function finished(seq) {
  if (seq === state.seq) {
    document.body.dataset.loaded = String(seq);
  }
}

function recommendationCall(column, fallback) {
  // The default call is exactly ?k=10&exclude=seen&explain=true; other controls follow.
  return `/v1/users/${segment(state.user)}/recommendations${query([
    ['k', state.k],
    ['exclude', state.excludeSeen ? 'seen' : null],
    ['explain', 'true'],
    ['offset', state.offset || null],
    ['max_per', state.maxPer],
    ['filter', state.filter],
    ['model', column.model],
    ['fallback', fallback],
  ])}`;
}

async function fetchColumn(column) {
  const call = recommendationCall(column, null);
  try {
    return { call, answer: await api.get(call) };
  } catch (e) {
    // A user without features (409) or without a profile (404): the cold-start answer instead.
    if (e instanceof ApiError && (e.status === 409 || e.status === 404)) {
      const fallbackCall = recommendationCall(column, 'popular');
      return { call: fallbackCall, answer: await api.get(fallbackCall), coldStart: e.status === 409 ? 'features' : 'profile' };
    }
    throw e;
  }
}

function columnSection(column, index) {
  return el('section', {
    class: 'column',
    data: { column: index, model: column.model || undefined },
    attrs: { 'aria-label': column.model ? `Model ${column.model}` : 'Recommendations' },
  });
}

function columnHeading(column, answer) {
  const model = (answer && answer.model) || {};
  const title = column.model ? `Model ${column.model}` : (model.name ? `Model ${model.name}` : 'Serving model');
  const share = column.share !== null && column.share !== undefined ? `${column.share} % of traffic` : '';
  const scoredBy = model.name && column.model && model.name !== column.model
    ? `scored by ${model.name}${model.fallback_reason ? ` (${model.fallback_reason})` : ''}` : '';
  const facts = answer ? [
    model.strategy ? `strategy ${model.strategy}` : '',
    model.catalog_version ? `catalog ${model.catalog_version}` : '',
    typeof model.passed_filter === 'number' ? `${model.passed_filter.toLocaleString('en')} passed the controls` : '',
    typeof model.candidates === 'number' ? `${model.candidates.toLocaleString('en')} scored` : '',
  ].filter(Boolean).join(' · ') : '\u00a0';
  const aside = [share, scoredBy].filter(Boolean).join(' · ');
  return el('header', { class: 'column-head' },
    el('h3', {}, title, aside ? el('span', { class: 'hint', text: ` ${aside}` }) : null),
    el('p', { class: 'hint facts-line', text: facts }));
}

function renderSkeletons(columns) {
  fill($('columns'), columns.map((column, index) => {
    const section = columnSection(column, index);
    section.append(columnHeading(column, null),
      el('p', { class: 'request', text: '\u00a0' }),
      el('ol', { class: 'books', attrs: { 'aria-busy': 'true' } }, Array.from({ length: state.k }, skeletonCard)));
    return section;
  }));
  $('columns').classList.toggle('two', columns.length > 1);
}

function eventButton(type, label, item) {
  return (titleId) => el('button', {
    class: 'small',
    text: label,
    attrs: { type: 'button', 'aria-describedby': titleId, 'data-event': type },
    on: { click: (ev) => record(type, item, ev.currentTarget) },
  });
}

function renderColumn(section, column, result) {
  const items = Array.isArray(result.answer.items) ? result.answer.items : [];
  const scale = scaleOf(items);
  const list = el('ol', { class: 'books', attrs: { start: state.offset + 1 } },
    items.map((item, i) => bookCard(item, state.offset + i + 1, scale, {
      onOpen: (book) => openSimilar(book, column.model),
      actions: [eventButton('view', 'Record view', item), eventButton('purchase', 'Record purchase', item)],
    })));
  fill(section, columnHeading(column, result.answer),
    el('p', { class: 'request' }, el('code', { text: `GET ${result.call}` })),
    items.length ? list : el('p', { class: 'empty', text: 'No book passes these controls.' }));
  completeCards(section);
  return items;
}

async function loadRecommendations(seq) {
  const columns = chooseColumns(state.catalog, state.model);
  renderSkeletons(columns);
  $('results').setAttribute('aria-busy', 'true');
  $('status').textContent = 'Loading recommendations…';
  let results;
  try {
    results = await Promise.all(columns.map(fetchColumn));
  } catch (e) {
    if (seq === state.seq) {
      failRecommendations(e);
    }
    return;
  } finally {
    if (seq === state.seq) {
      $('results').setAttribute('aria-busy', 'false');
    }
  }
  if (seq !== state.seq) {
    return;
  }
  const sections = [...$('columns').querySelectorAll('section.column')];
  const lists = results.map((result, i) => renderColumn(sections[i], columns[i], result));
  const shared = overlap(lists);
  for (const card of $('columns').querySelectorAll('li.book[data-item-id]')) {
    if (shared.has(card.dataset.itemId)) {
      card.dataset.overlap = 'true';
      card.querySelector('.book-heading').append(el('span', { class: 'badge', text: 'in both' }));
    }
  }
  const coldStart = results.find((r) => r.coldStart);
  if (coldStart) {
    showNotice(`${coldStart.coldStart === 'features' ? `${state.user} has no feature vector yet` : `No profile with id ${state.user}`}:`
      + ' this is the cold-start answer (fallback=popular), the most popular books that pass the controls.');
  } else if (state.model && !state.catalog) {
    showNotice(`This service lists no models (GET /v1/models), so ?model=${state.model} is not applied: this is its serving model.`);
  } else if (state.model && !state.catalog.models.some((m) => m.model === state.model)) {
    showNotice(`The service has no model named ${state.model}: these are the models its traffic goes to.`);
  }
  $('status').textContent = lists.every((l) => l.length === 0) ? 'No recommendations.' : '';
  updatePager(lists);
}

function failRecommendations(e) {
  const columns = $('columns');
  columns.classList.remove('two');
  const message = (text) => fill(columns, el('p', { class: 'empty', text }));
  updatePager([]);
  $('status').textContent = '';
  if (!(e instanceof ApiError)) {
    message(`The page failed: ${e && e.message}`);
    return;
  }
  if (e.status === 401) {
    unauthorized(e);
    message('No answer: the service wants a valid token.');
  } else if (e.status === 400) {
    const control = controlOf(e.detail);
    if (control === 'filter') {
      showFilterProblem($('filter-error'), $('filter-input'), state.filter, e.detail);
    } else if (control === 'max_per') {
      showFieldProblem($('maxper-error'), $('maxper-input'), e.detail);
    } else {
      showFieldProblem($('controls-error'), null, e.detail);
    }
    message('No answer: fix the controls above.');
  } else if (e.status === 403) {
    showBanner(`The token lacks a role this page needs: ${e.detail}.`, 'forbidden');
    message('No answer: the token may not read recommendations.');
  } else {
    message(`No answer (${e.status || 'no connection'}): ${e.detail}`);
  }
}

function clearProblems() {
  clearProblem($('filter-error'), $('filter-input'));
  clearProblem($('maxper-error'), $('maxper-input'));
  clearProblem($('controls-error'), null);
  clearProblem($('user-error'), $('user-input'));
}

function showNotice(text) {
  const notice = $('notice');
  notice.textContent = text;
  show(notice, true);
  show($('explain'), false);
}

function hideNotice() {
  $('notice').textContent = '';
  show($('notice'), false);
  show($('explain'), true);
}

function updatePager(lists) {
  const longest = lists.reduce((max, l) => Math.max(max, l.length), 0);
  $('prev').disabled = state.offset === 0 || lists.length === 0;
  $('next').disabled = lists.length === 0 || lists.some((l) => l.length < state.k)
    || state.offset + 2 * state.k > MAX_POSITION;
  $('positions').textContent = longest ? `Positions ${state.offset + 1}–${state.offset + longest}` : '';
}

// ---- Profile ------------------------------------------------------------------------------------------

async function loadProfile(seq) {
  const user = state.user;
  const path = `/v1/users/${segment(user)}`;
  $('profile').setAttribute('aria-busy', 'true');
  $('profile-state').textContent = 'Loading the profile…';
  const [profile, latest, purchases] = await Promise.allSettled([
    api.get(`${path}${query([['fields', 'user_name,attributes']])}`),
    api.get(`${path}/events${query([['limit', 10]])}`),
    api.get(`${path}/events${query([['type', 'purchase'], ['limit', 100]])}`),
  ]);
  if (seq !== state.seq) {
    return;
  }
  $('profile').setAttribute('aria-busy', 'false');
  fill($('profile-facts'));
  fill($('profile-purchased'));
  fill($('profile-events'));
  if (profile.status === 'rejected') {
    const e = profile.reason;
    $('profile-state').textContent = e instanceof ApiError && e.status === 404
      ? `No profile with id ${user}.`
      : `The profile could not be read: ${e instanceof ApiError ? e.detail : e}`;
    return;
  }
  const attributes = (profile.value && profile.value.attributes) || {};
  $('profile-state').textContent = '';
  const facts = [['Name', asText(profile.value.user_name)], ['Id', user], ['Interests', asList(attributes.interests).join(', ')]];
  fill($('profile-facts'), facts.flatMap(([name, value]) => [el('dt', { text: name }), el('dd', { text: value || '—' })]));

  const events = latest.status === 'fulfilled' && latest.value && Array.isArray(latest.value.events) ? latest.value.events : [];
  const bought = purchases.status === 'fulfilled' && purchases.value && Array.isArray(purchases.value.events)
    ? purchases.value.events.map((e) => e.item_id) : [];
  const purchased = [...new Set([...asList(attributes.purchased), ...bought])];
  fill($('profile-purchased'), purchased.length
    ? purchased.map((id) => titleItem(id))
    : el('li', { class: 'hint', text: 'Nothing yet.' }));
  fill($('profile-events'), events.length
    ? events.map((event) => el('li', { data: { type: event.type } },
      el('span', { class: 'event-type', text: event.type }), ' ',
      titleOf(event.item_id),
      event.value !== undefined && event.value !== null ? ` (${asText(event.value)})` : '',
      el('time', { class: 'hint', text: formatTime(event.occurred_at), attrs: { datetime: event.occurred_at } })))
    : el('li', { class: 'hint', text: latest.status === 'fulfilled' ? 'No events yet.' : 'Events could not be read.' }));
}

/** The item's title once known (its id until then). */
function titleOf(id) {
  const span = el('span', { class: 'title', text: id, data: { itemId: id } });
  itemDetails(id).then((d) => {
    if (d && d.title !== undefined && d.title !== null) {
      span.textContent = asText(d.title);
    }
  });
  return span;
}

function titleItem(id) {
  return el('li', { data: { itemId: id } }, titleOf(id));
}

function formatTime(value) {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : ` ${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

// ---- Events -------------------------------------------------------------------------------------------

function eventId() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return `explorer-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

async function record(type, item, button) {
  button.disabled = true;
  const title = item.title || item.item_id;
  try {
    const answer = await api.post(`/v1/users/${segment(state.user)}/events`,
      { events: [{ event_id: eventId(), type, item_id: item.item_id }] });
    const result = answer && Array.isArray(answer.results) ? answer.results[0] : null;
    const message = result && result.status === 'applied'
      ? `Recorded a ${type} of “${title}”.`
      : `The ${type} of “${title}” was ${result ? result.status : 'not recorded'}${result && result.detail ? `: ${result.detail}` : ''}.`;
    await load();
    $('status').textContent = message;
    if (!document.activeElement || document.activeElement === document.body) {
      $('results').focus();
    }
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      unauthorized(e);
    } else {
      $('status').textContent = `Could not record the ${type}: ${e instanceof ApiError ? e.detail : e}`;
    }
  } finally {
    button.disabled = false;
  }
}

// ---- Similar items ------------------------------------------------------------------------------------

let opener = null;

async function openSimilar(item, model) {
  const seq = ++state.similarSeq;
  const dialog = $('similar');
  if (!dialog.open) {
    opener = document.activeElement;
    dialog.showModal();
  }
  fill($('similar-heading'), 'Similar to ', el('cite', { text: item.title || item.item_id }));
  $('similar-state').textContent = 'Loading…';
  fill($('similar-list'), Array.from({ length: 10 }, skeletonCard));
  dialog.dataset.itemId = item.item_id;
  try {
    const answer = await api.get(`/v1/items/${segment(item.item_id)}/similar${query([['k', 10], ['model', model]])}`);
    if (seq !== state.similarSeq) {
      return;
    }
    const items = Array.isArray(answer.items) ? answer.items : [];
    const scale = scaleOf(items);
    fill($('similar-list'), items.map((similar, i) => bookCard(similar, i + 1, scale,
      { onOpen: (book) => openSimilar(book, model) })));
    $('similar-state').textContent = items.length ? `The ${items.length} books closest to this one.` : 'No similar books.';
    completeCards($('similar-list'));
  } catch (e) {
    if (seq !== state.similarSeq) {
      return;
    }
    fill($('similar-list'));
    if (e instanceof ApiError && e.status === 401) {
      dialog.close();
      unauthorized(e);
    } else {
      $('similar-state').textContent = `No answer: ${e instanceof ApiError ? e.detail : e}`;
    }
  }
}

// ---- Wiring -------------------------------------------------------------------------------------------

function chooseUser(id) {
  const user = String(id || '').trim();
  if (user && !USER_ID.test(user)) {
    showFieldProblem($('user-error'), $('user-input'), 'A user id is 1 to 128 characters of A-Z a-z 0-9 . _ : @ -');
    return;
  }
  state.user = user;
  state.offset = 0;
  $('user-input').value = user;
  load();
}

function wire() {
  $('token-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const token = cleanToken($('token-input').value);
    if (!token) {
      renderToken('Paste a token first.');
      $('token-input').focus();
      return;
    }
    useToken(token, 'A token is in use (kept in this tab only).');
  });
  $('token-dev').addEventListener('click', async () => {
    const token = await fetchDevToken();
    if (token) {
      useToken(token, 'The dev token is in use (dev mode only).');
    } else {
      show($('token-dev'), false);
      renderToken('Dev mode offers no token (authentication off, or not in dev mode).');
    }
  });
  $('token-forget').addEventListener('click', () => {
    state.token = '';
    storeToken('');
    renderToken('The token is forgotten.');
    $('token-input').focus();
  });
  $('token-change').addEventListener('click', () => {
    renderToken('Paste the new token.', { entry: true });
    $('token-input').focus();
  });
  $('user-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    readControls();
    chooseUser($('user-input').value);
  });
  for (const button of document.querySelectorAll('[data-user]')) {
    button.addEventListener('click', () => {
      readControls();
      chooseUser(button.dataset.user);
    });
  }
  $('controls').addEventListener('submit', (ev) => {
    ev.preventDefault();
    readControls();
    state.offset = 0;
    load();
  });
  $('exclude-input').addEventListener('change', () => {
    readControls();
    state.offset = 0;
    if (state.user) {
      load();
    }
  });
  $('model-select').addEventListener('change', () => {
    state.model = $('model-select').value;
    state.offset = 0;
    if (state.user) {
      load();
    }
  });
  $('prev').addEventListener('click', () => {
    state.offset = Math.max(0, state.offset - state.k);
    load({ profile: false });
  });
  $('next').addEventListener('click', () => {
    state.offset += state.k;
    load({ profile: false });
  });
  $('similar-close').addEventListener('click', () => $('similar').close());
  $('similar').addEventListener('close', () => {
    state.similarSeq++;
    if (opener && opener.isConnected) {
      opener.focus();
    }
  });
}

async function start() {
  readUrl();
  syncControls();
  renderToken();
  wire();
  fetchDevToken().then((token) => {
    state.devToken = Boolean(token);
    show($('token-dev'), state.devToken);
  });
  await refreshModels();
  await load();
}

start();
