// History-API router. URLs carry all state so a view can be shared and reloaded:
//   /?q=…&mode=…&doc=…&jurisdiction=…&year=…&kind=…&doctype=…   search (doctype: call,guide | plan | …)
//   /doc/:id#<record id>      reader at a record;  /doc/:id?sec=…&sec=…  reader at a heading path
//   /compare?q=…&doctype=…    compare across jurisdictions
//   /accept?field=…&jurisdiction=…   受理查询 (acceptance panel)
//   /files                    文件管理 (upload, replace, remove documents)
//   /match?location=…&revenue=…   申报匹配 (profile fields named as in POST /api/match)
import type { SearchMode } from '../../server/kb/types.ts';
import { MODES } from './labels.ts';

export interface UiFilters {
  doc: string;
  jurisdiction: string;
  year: string;
  kind: string;
  /** Kinds of document, comma-separated DocKind values (call,guide = 申报通知/指南). */
  doctype: string;
}

export const FILTER_KEYS: (keyof UiFilters)[] = ['jurisdiction', 'doctype', 'doc', 'kind', 'year'];
export const EMPTY_FILTERS: UiFilters = { doc: '', jurisdiction: '', year: '', kind: '', doctype: '' };

/** A doctype parameter as the UI keeps it: DocKind-like words joined by commas, or ''. */
function cleanDoctype(v: string | null): string {
  return /^[a-z]+(?:,[a-z]+)*$/.test(v ?? '') ? (v as string) : '';
}

export type Route =
  | { name: 'search'; q: string; mode: SearchMode; filters: UiFilters }
  | { name: 'doc'; id: string; target: string; sec: string[]; q: string }
  | { name: 'compare'; q: string; doctype: string }
  | { name: 'accept'; field: string; jurisdiction: string }
  | { name: 'files' }
  | { name: 'match'; search: string }
  | { name: 'not-found'; path: string };

export const ROUTE_EVENT = 'pkb-route';

export interface RouteEventDetail {
  /** True for Back/Forward: the page restores its scroll position instead of starting at the top. */
  pop: boolean;
}

/** Scroll position saved with the current history entry (by navigate), if any. */
export function savedScroll(): number | null {
  const y = (history.state as { scrollY?: unknown } | null)?.scrollY;
  return typeof y === 'number' ? y : null;
}

/** Query text from the URL: trimmed and capped like the API (1–200 characters). */
function cleanQ(v: string | null): string {
  return (v ?? '').trim().slice(0, 200);
}

export function parseRoute(url: URL): Route {
  const p = url.searchParams;
  const path = url.pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/search') {
    const m = p.get('mode') as SearchMode | null;
    return {
      name: 'search',
      q: cleanQ(p.get('q')),
      mode: m && MODES.includes(m) ? m : 'hybrid',
      filters: {
        doc: p.get('doc') ?? '',
        jurisdiction: p.get('jurisdiction') ?? '',
        year: /^\d{4}$/.test(p.get('year') ?? '') ? (p.get('year') as string) : '',
        kind: p.get('kind') ?? '',
        doctype: cleanDoctype(p.get('doctype')),
      },
    };
  }
  const doc = /^\/doc\/([^/]+)$/.exec(path);
  if (doc) {
    let id = doc[1];
    try {
      id = decodeURIComponent(id);
    } catch {
      /* keep raw */
    }
    let target = url.hash.replace(/^#/, '');
    try {
      target = decodeURIComponent(target);
    } catch {
      /* keep raw */
    }
    return { name: 'doc', id, target, sec: p.getAll('sec').filter(Boolean), q: cleanQ(p.get('q')) };
  }
  if (path === '/compare') return { name: 'compare', q: cleanQ(p.get('q')), doctype: cleanDoctype(p.get('doctype')) };
  if (path === '/accept') {
    return { name: 'accept', field: (p.get('field') ?? '').trim().slice(0, 40), jurisdiction: (p.get('jurisdiction') ?? '').trim().slice(0, 40) };
  }
  if (path === '/files') return { name: 'files' };
  if (path === '/match') return { name: 'match', search: url.search };
  return { name: 'not-found', path };
}

export function currentRoute(): Route {
  return parseRoute(new URL(window.location.href));
}

export function searchUrl(q: string, mode: SearchMode = 'hybrid', filters: UiFilters = EMPTY_FILTERS): string {
  const p = new URLSearchParams();
  if (q) p.set('q', q);
  if (mode !== 'hybrid') p.set('mode', mode);
  for (const k of FILTER_KEYS) if (filters[k]) p.set(k, filters[k]);
  const s = p.toString();
  return s ? `/?${s}` : '/';
}

/** Reader URL at a record (hash) or at a heading path (sec parameters); q highlights the query there. */
export function docUrl(docId: string, opts: { record?: string; sec?: string[]; q?: string } = {}): string {
  const p = new URLSearchParams();
  for (const s of opts.sec ?? []) p.append('sec', s);
  if (opts.q) p.set('q', opts.q);
  const s = p.toString();
  return `/doc/${encodeURIComponent(docId)}${s ? `?${s}` : ''}${opts.record ? `#${encodeURIComponent(opts.record)}` : ''}`;
}

export function compareUrl(q: string, doctype = ''): string {
  const p = new URLSearchParams();
  if (q) p.set('q', q);
  if (doctype) p.set('doctype', doctype);
  const s = p.toString();
  return s ? `/compare?${s}` : '/compare';
}

/** 受理查询 with its field and place, so the view can be shared and reloaded. */
export function acceptUrl(field: string, jurisdiction = ''): string {
  const p = new URLSearchParams();
  if (field) p.set('field', field);
  if (jurisdiction) p.set('jurisdiction', jurisdiction);
  const s = p.toString();
  return s ? `/accept?${s}` : '/accept';
}

export function navigate(url: string, opts: { replace?: boolean } = {}): void {
  const next = new URL(url, window.location.href);
  if (next.href !== window.location.href) {
    if (opts.replace) history.replaceState(history.state, '', next.href);
    else {
      // Remember where the reader was, so Back returns to the same place in the results.
      history.replaceState({ ...(history.state ?? {}), scrollY: window.scrollY }, '');
      history.pushState(null, '', next.href);
    }
  }
  window.dispatchEvent(new CustomEvent<RouteEventDetail>(ROUTE_EVENT, { detail: { pop: false } }));
}

const APP_PATH = /^\/(?:$|search$|doc\/|compare$|accept$|files$|match$)/;

/**
 * Clicks on same-origin links to app paths become history navigations. composedPath() finds anchors
 * inside shadow roots too, so components can use plain <a href> (middle-click and new-tab still work).
 */
export function installRouter(): void {
  document.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = e.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
    if (!a || !a.href || (a.target && a.target !== '_self') || a.hasAttribute('download')) return;
    const url = new URL(a.href);
    if (url.origin !== window.location.origin || !APP_PATH.test(url.pathname)) return;
    e.preventDefault();
    navigate(url.href);
  });
  history.scrollRestoration = 'manual';
  window.addEventListener('popstate', () => window.dispatchEvent(new CustomEvent<RouteEventDetail>(ROUTE_EVENT, { detail: { pop: true } })));
}
