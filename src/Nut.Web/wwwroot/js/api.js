// The JSON API of upsweb (src/Nut.Web/Api/ApiRoutes.cs). Ids such as "bessie@127.0.0.1:3493" hold '@' and ':',
// so they are always encoded in paths.

export const upsApi = (id) => '/api/ups/' + encodeURIComponent(id);
export const upsPage = (id) => '/ups/' + encodeURIComponent(id);

/** An answer of the API: status, ok and the parsed body (null when there is none or it is not JSON). */
async function call(method, path, body) {
  const init = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    return { status: 0, ok: false, body: { error: 'NETWORK', message: 'Cannot reach upsweb: ' + e.message } };
  }
  let parsed = null;
  const text = await response.text();
  if (text) {
    try { parsed = JSON.parse(text); } catch { parsed = { error: 'BAD-REPLY', message: text.slice(0, 200) }; }
  }
  return { status: response.status, ok: response.ok, body: parsed };
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body ?? {});
export const put = (path, body) => call('PUT', path, body);

/** The message to show for a failed call. */
export function messageOf(reply) {
  const b = reply.body;
  if (b && typeof b.message === 'string' && b.message) return b.message;
  if (b && typeof b.error === 'string') return b.error;
  return `HTTP ${reply.status}`;
}
