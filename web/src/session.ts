// Remembers the last search URL for the reader's "返回检索结果" link (per tab, survives reloads).
const KEY = 'pkb:last-search';

export function rememberSearch(url: string): void {
  try {
    sessionStorage.setItem(KEY, url);
  } catch {
    /* storage disabled: the link falls back to the search page */
  }
}

export function lastSearchUrl(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}
