// Which model(s) the page shows side by side.
//
// GET /v1/models answers {"models": [{"model", "dimension", "metric", "state": "serving"|"staged"|"retired",
// "created_at", "items", "catalog_version", "bytes"}, ...], "traffic": {"split": {"name": percent, ...}, "salt"}}
// (role models:read). A service without model versions answers 404: the page then shows one column and asks
// for no model. With two or more serving models it shows two columns: the model named in ?model= (or the
// largest share) and the largest other serving share; recommendations and similar items then carry
// ?model=NAME, and each answer's model block names the model that scored (name, assigned, fallback_reason).
//
// Seam for the browser test of two columns: #columns holds one <section class="column" data-model="NAME">
// per column (data-model absent when no model is asked for), each with li.book[data-item-id] cards; a card
// whose item is in both columns has data-overlap="true".

import { ApiError } from './api.js';

/** The service's models and traffic split, or null when it has none to show (404, no role, other error). */
export async function loadModels(api) {
  try {
    const answer = await api.get('/v1/models');
    if (!answer || !Array.isArray(answer.models)) {
      return null;
    }
    const models = answer.models.filter((m) => m && typeof m.model === 'string' && m.model);
    const split = (answer.traffic && answer.traffic.split) || {};
    return { models, split };
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      throw e;
    }
    return null;
  }
}

function share(catalog, name) {
  const value = Number(catalog.split[name]);
  return Number.isFinite(value) ? value : 0;
}

/** Serving models, largest traffic share first, ties by name. */
export function servingByShare(catalog) {
  return catalog.models
    .filter((m) => m.state === 'serving')
    .map((m) => m.model)
    .sort((a, b) => share(catalog, b) - share(catalog, a) || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The columns to show: [{model: NAME|null, share: percent|null}]. One column without a model unless the
 * service lists models; one column for the requested model (or the default) when fewer than two serve; else
 * the requested model (when it exists) or the largest share, beside the largest other serving share.
 */
export function chooseColumns(catalog, requested) {
  if (!catalog || catalog.models.length === 0) {
    return [{ model: null, share: null }];
  }
  const known = new Set(catalog.models.map((m) => m.model));
  const wanted = requested && known.has(requested) ? requested : null;
  const serving = servingByShare(catalog);
  const column = (name) => ({ model: name, share: name === null ? null : share(catalog, name) });
  if (serving.length < 2) {
    return [column(wanted)];
  }
  const first = wanted || serving[0];
  const other = serving.find((name) => name !== first);
  return [column(first), column(other)];
}

/** Item ids present in every one of two or more columns' answers; empty for one column. */
export function overlap(itemLists) {
  if (itemLists.length < 2) {
    return new Set();
  }
  const [first, ...rest] = itemLists.map((items) => new Set(items.map((item) => item.item_id)));
  return new Set([...first].filter((id) => rest.every((set) => set.has(id))));
}
