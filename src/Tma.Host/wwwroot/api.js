// Talking to the host: the session cookie (never a token in the browser), X-TMA-UI on every write (CSRF), and
// problem+json turned into messages a professional can read, located at the field they concern.
import { t } from './i18n.js';

let onUnauthorized = () => {};

/** Called when the session is missing or expired (401): the app shows the sign-in view. */
export function setUnauthorizedHandler(handler) {
  onUnauthorized = handler;
}

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.code = problem?.code || (status === 401 ? 'unauthorized' : 'http-' + status);
    this.field = problem?.field || null;
    this.errors = Array.isArray(problem?.errors) ? problem.errors : [];
    this.problem = problem || {};
  }

  /** True when someone else changed the case (or task) since it was loaded. */
  get isConflict() {
    return this.code === 'concurrency-conflict';
  }

  /** A readable message: what went wrong (translated by code), and where (the field). */
  get readable() {
    if (this.isConflict) return t('error.conflict');
    const known = t('error.code.' + this.code, {}, null);
    const fieldName = this.field || fieldOf(this.errors[0]);
    const where = fieldName ? t('error.field', { field: fieldLabel(fieldName) }) : '';
    const details = this.errors.length > 0 ? this.errors.join('; ') : this.message;
    // The host's detail names the exact problem (in English); the translated summary says what kind of problem it is.
    return [known, where, details].filter(Boolean).join(' ');
  }
}

function fieldOf(error) {
  if (typeof error !== 'string') return null;
  const match = /^([A-Za-z][\w.[\]]*):/.exec(error);
  return match ? match[1] : null;
}

function fieldLabel(name) {
  return t('field.' + name, {}, name);
}

const unsafe = new Set(['POST', 'PUT', 'DELETE', 'PATCH']);

/**
 * Calls the host. body: an object (sent as JSON), or { raw: Blob|ArrayBuffer, contentType } for uploads.
 * Returns parsed JSON, text for text/html, or null for 204.
 */
export async function api(method, path, body) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (unsafe.has(method)) headers['X-TMA-UI'] = '1';
  let payload;
  if (body && body.raw !== undefined) {
    payload = body.raw;
    headers['Content-Type'] = body.contentType || 'application/octet-stream';
    // A file name may name a person: it goes in a header (RFC 6266, UTF-8), never into the URL.
    if (body.fileName) headers['Content-Disposition'] = `attachment; filename*=UTF-8''${encodeRFC5987(body.fileName)}`;
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['Content-Type'] = 'application/json';
  }

  let response;
  try {
    response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin', cache: 'no-store', redirect: 'error' });
  } catch {
    throw new ApiError(0, { code: 'network', detail: t('error.network') });
  }

  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  if (!response.ok) {
    let problem = null;
    if (type.includes('json')) {
      try { problem = await response.json(); } catch { problem = null; }
    }
    const error = new ApiError(response.status, problem);
    if (response.status === 401 && !path.startsWith('/auth/')) onUnauthorized();
    throw error;
  }

  if (type.includes('json')) return response.json();
  return response.text();
}

export const get = path => api('GET', path);
export const post = (path, body) => api('POST', path, body ?? {});
export const put = (path, body) => api('PUT', path, body);
export const del = path => api('DELETE', path);

/** GET that answers null on 404 (an endpoint that is not there yet, or nothing to show). */
export async function getOptional(path) {
  try {
    return await get(path);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 405)) return null;
    throw error;
  }
}

/** Percent-encodes a value for an RFC 5987 ext-value (filename*=UTF-8''…). */
function encodeRFC5987(value) {
  return encodeURIComponent(value).replace(/['()*]/g, c => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}
