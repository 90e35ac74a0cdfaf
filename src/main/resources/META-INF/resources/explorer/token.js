// The bearer token: in this tab's sessionStorage only (gone when the tab closes, never in localStorage,
// a cookie or a URL).

const KEY = 'explorer.token';

export function storedToken() {
  try {
    return sessionStorage.getItem(KEY) || '';
  } catch (e) {
    return '';
  }
}

export function storeToken(token) {
  try {
    if (token) {
      sessionStorage.setItem(KEY, token);
    } else {
      sessionStorage.removeItem(KEY);
    }
  } catch (e) {
    // Storage refused (a privacy mode): the token then lives in this page's memory only.
  }
}

/** A pasted token without the "Bearer " prefix, quotes or whitespace people copy along. */
export function cleanToken(text) {
  return String(text || '').trim().replace(/^Bearer\s+/i, '').replace(/^["']|["']$/g, '').trim();
}

/**
 * The token dev mode printed at start, or null. Only dev mode serves this file (a route of its own, on this
 * machine only); elsewhere the answer is 404 and the page offers no dev token.
 */
export async function fetchDevToken() {
  try {
    const response = await fetch(new URL('dev-token', import.meta.url), { cache: 'no-store', credentials: 'omit' });
    if (!response.ok) {
      return null;
    }
    const body = await response.json();
    return typeof body.token === 'string' && body.token ? body.token : null;
  } catch (e) {
    return null;
  }
}
