// One fetch wrapper: JSON in/out, problem+json errors surfaced with their message, server-down detected.

/** An HTTP failure from our server; `status` 0 means the server could not be reached at all. */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Absolute URL on this origin (MapLibre workers and the pmtiles reader need absolute URLs). */
export function absoluteUrl(path: string): string {
  return new URL(path, globalThis.location?.href ?? 'http://localhost/').href;
}

/** GETs (or POSTs `body`) JSON from our server; throws ApiError with the server's problem detail. */
export async function getJson<T>(path: string, init: { body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.body === undefined ? 'GET' : 'POST',
      headers: init.body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, (e as Error).message);
  }
  if (!res.ok) {
    let message = res.statusText;
    try {
      const p = (await res.json()) as { detail?: string; message?: string; title?: string };
      message = p.detail ?? p.message ?? p.title ?? message;
    } catch {
      // Not JSON (a proxy's HTML page): keep the status text.
    }
    throw new ApiError(res.status, message);
  }
  return (await res.json()) as T;
}

/** Builds a query string from the defined, non-empty entries of `q`. */
export function qs(q: Record<string, string | number | boolean | null | undefined | Array<string | number>>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === null || v === undefined || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) p.set(k, v.join(','));
    } else p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}
