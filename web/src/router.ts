// A small path router over the History API (the server answers every extension-less path with
// index.html, so deep links such as /entry?unit=23317&period=202209 work).
import { useEffect, useState } from 'preact/hooks';

export interface Route { path: string; params: URLSearchParams }

const listeners = new Set<() => void>();
let guard: (() => boolean) | null = null;

function read(): Route {
  return { path: location.pathname.replace(/\/+$/, '') || '/', params: new URLSearchParams(location.search) };
}

/** A function asked before leaving the page (false keeps the user here). */
export function setNavigationGuard(g: (() => boolean) | null): void {
  guard = g;
}

export function navigate(to: string, opts: { replace?: boolean; force?: boolean } = {}): void {
  if (!opts.force && guard && !guard()) return;
  if (opts.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  listeners.forEach((f) => f());
  if (!opts.replace) window.scrollTo(0, 0);
}

/** Replaces some query parameters of the current page (undefined removes one). */
export function setParams(changes: Record<string, string | undefined>, replace = true): void {
  const r = read();
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined || v === '') r.params.delete(k);
    else r.params.set(k, v);
  }
  const q = r.params.toString();
  navigate(r.path + (q ? `?${q}` : ''), { replace, force: true });
}

export function useRoute(): Route {
  const [route, set] = useState<Route>(read);
  useEffect(() => {
    const update = () => set(read());
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return route;
}

/** Builds "/path?a=1" from parameters, skipping empty ones. */
export function href(path: string, params: Record<string, string | undefined> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) p.set(k, v);
  const q = p.toString();
  return q ? `${path}?${q}` : path;
}
