// The current language (Vietnamese first, English by a switch remembered in localStorage)
// and the translation function t().
import { useEffect, useState } from 'preact/hooks';
import { vi, en, type MessageKey } from './messages';
import type { Lang } from './format';

const STORAGE_KEY = 'antq.lang';
let current: Lang = readStored();
const listeners = new Set<(l: Lang) => void>();

function readStored(): Lang {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return v === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function lang(): Lang {
  return current;
}

export function setLang(l: Lang): void {
  current = l;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, l);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  if (globalThis.document) document.documentElement.lang = l;
  listeners.forEach((f) => f(l));
}

/** Fills {name} placeholders. */
export function interpolate(text: string, params?: Record<string, string | number>): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

export function translate(l: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const table = l === 'en' ? en : vi;
  return interpolate(table[key] ?? key, params);
}

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return translate(current, key, params);
}

/** Re-renders the calling component when the language changes. */
export function useLang(): Lang {
  const [l, set] = useState<Lang>(current);
  useEffect(() => {
    listeners.add(set);
    return () => void listeners.delete(set);
  }, []);
  return l;
}

/** A catalogue name in the current language. */
export function nameOf(x: { name: string; name_en?: string | null }): string {
  return current === 'en' && x.name_en ? x.name_en : x.name;
}

export type { MessageKey };
