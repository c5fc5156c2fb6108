// The HP Volume Backup API, same origin, with the token kept in sessionStorage only (gone with the tab or on sign-out).
const TOKEN_KEY = 'volumebackup.token';
const TENANT_KEY = 'volumebackup.tenant';

export const session = {
  get token() { return sessionStorage.getItem(TOKEN_KEY); },
  get tenant() { return sessionStorage.getItem(TENANT_KEY); },
  set(token, tenant) { sessionStorage.setItem(TOKEN_KEY, token); sessionStorage.setItem(TENANT_KEY, tenant); },
  clear() { sessionStorage.removeItem(TOKEN_KEY); sessionStorage.removeItem(TENANT_KEY); },
};

/** An API answer that is not 2xx; message is the spec's fault body's message, shown as it comes. */
export class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

async function faultMessage(response) {
  try {
    const body = await response.json();
    const fault = body && typeof body === 'object' ? Object.values(body)[0] : null;
    if (fault && typeof fault.message === 'string') return fault.message;
  } catch { /* not JSON */ }
  return `HTTP ${response.status} ${response.statusText}`;
}

/** Calls a tenant route ("/os-volumes") or an absolute one ("/v3/..."); refuses to call without a token. */
export async function call(method, path, body, extraHeaders = {}) {
  const token = session.token;
  if (!token) throw new ApiError(401, 'Signed out.');
  const url = path.startsWith('/v') ? path : `/v1.1/${encodeURIComponent(session.tenant)}${path}`;
  const headers = { 'X-Auth-Token': token, Accept: 'application/json', ...extraHeaders };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(url, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer',
  });
  if (!response.ok) throw new ApiError(response.status, await faultMessage(response));
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/**
 * Every item of a paged list: a page holds at most the server's MaxPageSize items, and a full page ends with a
 * `next` link (Nova's) that names the marker of the next one. The link is absolute; only its path is followed, so the
 * page keeps talking to its own origin.
 */
async function allPages(path, key) {
  const items = [];
  for (let next = path; next;) {
    const body = await call('GET', next);
    items.push(...(body[key] ?? []));
    const link = (body[`${key}_links`] ?? []).find(l => l.rel === 'next');
    const url = link ? new URL(link.href, location.href) : null;
    next = url ? url.pathname + url.search : null;
  }
  return items;
}

export const api = {
  volumes: () => call('GET', '/os-volumes/detail').then(b => b.volumes),
  createVolume: (size, name) => call('POST', '/os-volumes', { volume: { size, display_name: name || null } }).then(b => b.volume),
  deleteVolume: id => call('DELETE', `/os-volumes/${encodeURIComponent(id)}`),
  backups: () => allPages('/hp-volume-backups/detail', 'backups'),
  createBackup: (volumeId, name, container) => call('POST', '/hp-volume-backups',
    { backup: { volume_id: String(volumeId), display_name: name || null, ...(container ? { container } : {}) } }).then(b => b.backup),
  restore: (backupId, volumeId) => call('POST', `/hp-volume-backups/${encodeURIComponent(backupId)}/restore`,
    { restore: volumeId ? { volume_id: String(volumeId) } : {} }).then(b => b.restore),
  deleteBackup: id => call('DELETE', `/hp-volume-backups/${encodeURIComponent(id)}`),
  verify: id => call('POST', `/hp-volume-backups/${encodeURIComponent(id)}/verify`, { verify: {} }),
  cancel: id => call('POST', `/hp-volume-backups/${encodeURIComponent(id)}/cancel`, {}),
  /** Schedules of a volume; null when this server has no schedules route (404 without a fault of ours). */
  policies: async volumeId => {
    try {
      const body = await call('GET', `/hp-volume-backup-policies?volume_id=${encodeURIComponent(volumeId)}`);
      return body.policies ?? [];
    } catch (e) {
      if (e.status === 404 || e.status === 405) return null;
      throw e;
    }
  },
  createPolicy: policy => call('POST', '/hp-volume-backup-policies', { policy }),
  deletePolicy: id => call('DELETE', `/hp-volume-backup-policies/${encodeURIComponent(id)}`),
};

/**
 * The tenant a token belongs to, from public routes: Cinder's project-less URLs (microversion 3.67) act on the
 * token's own project, and the links of what they list name it.
 */
export async function discoverTenant(token) {
  const headers = { 'X-Auth-Token': token, 'OpenStack-API-Version': 'volume 3.67', Accept: 'application/json' };
  for (const [path, key] of [['/v3/volumes?limit=1', 'volumes'], ['/v3/backups?limit=1', 'backups']]) {
    const response = await fetch(path, { headers, credentials: 'omit', cache: 'no-store' });
    if (!response.ok) throw new ApiError(response.status, await faultMessage(response));
    const items = (await response.json())[key] ?? [];
    for (const link of items.flatMap(i => i.links ?? [])) {
      const match = /\/v3\/([^/]+)\//.exec(new URL(link.href, location.href).pathname);
      if (match) return decodeURIComponent(match[1]);
    }
  }
  return null;
}

/** Keystone mode: the server's same-origin pass-through of Keystone's POST /v3/auth/tokens. */
export async function keystoneSignIn(user, password, project, domain) {
  const response = await fetch('auth/tokens', {
    method: 'POST', credentials: 'omit', cache: 'no-store',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ auth: {
      identity: { methods: ['password'], password: { user: { name: user, domain: { name: domain }, password } } },
      scope: { project: { name: project, domain: { name: domain } } },
    } }),
  });
  if (!response.ok) {
    let message = `Sign-in refused (HTTP ${response.status}).`;
    try { message = (await response.json()).error?.message ?? message; } catch { /* keep */ }
    throw new ApiError(response.status, message);
  }
  const token = response.headers.get('X-Subject-Token');
  const body = await response.json();
  return { token, tenant: body.token?.project?.id };
}
