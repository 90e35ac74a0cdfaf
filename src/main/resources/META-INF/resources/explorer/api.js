// Calls of the public API. The token travels only in the Authorization header: never in a URL, never
// in a log line (nothing here writes to the console).

/** A problem answer (RFC 9457) or a failed call: status 0 when the service could not be reached. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem && problem.detail ? problem.detail : (problem && problem.title) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }

  get detail() {
    return this.problem.detail || this.problem.title || this.message;
  }
}

/**
 * The query string of a call, parameters in the order given, leaving out the empty ones:
 * query([['k', 10], ['exclude', 'seen']]) is "?k=10&exclude=seen".
 */
export function query(pairs) {
  const params = new URLSearchParams();
  for (const [name, value] of pairs) {
    if (value !== undefined && value !== null && value !== '') {
      params.append(name, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** One path segment, escaped (user and item ids are restricted by the API, but the page does not rely on it). */
export function segment(id) {
  return encodeURIComponent(id);
}

/** The service's root, from where this file is served (the page lives at <root>/explorer/). */
const ROOT = new URL('../', import.meta.url);

export function createApi(currentToken) {
  async function call(method, pathAndQuery, body) {
    const headers = { Accept: 'application/json, application/problem+json' };
    const token = currentToken();
    if (token) {
      headers.Authorization = `Bearer ${token}`;
    }
    const init = { method, headers, cache: 'no-store', credentials: 'omit', redirect: 'error' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(new URL(pathAndQuery.replace(/^\//, ''), ROOT), init);
    } catch (e) {
      throw new ApiError(0, { title: 'Unreachable', detail: 'the service did not answer; is it running?' });
    }
    const type = response.headers.get('Content-Type') || '';
    let payload = null;
    if (type.includes('json')) {
      try {
        payload = await response.json();
      } catch (e) {
        payload = null;
      }
    }
    if (!response.ok) {
      throw new ApiError(response.status, payload || { title: response.statusText || `HTTP ${response.status}` });
    }
    return payload;
  }

  return {
    /** Whether calls carry a token now. */
    hasToken: () => Boolean(currentToken()),
    get: (pathAndQuery) => call('GET', pathAndQuery),
    post: (pathAndQuery, body) => call('POST', pathAndQuery, body),
  };
}
