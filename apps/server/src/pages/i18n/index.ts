// The site pages' message catalogs, one per language, and the translate function the pages use.
import type { PageLang } from '@sigmun/domain/portal';
import { en } from './en.ts';
import { esMX, type PageMessageKey, type PageMessages } from './es-MX.ts';

export type { PageMessageKey };
const CATALOGS: Record<PageLang, PageMessages> = { es: esMX, en };

/** BCP 47 locale of each site language, for <html lang>, numbers and dates. */
export const PAGE_LOCALES: Record<PageLang, string> = { es: 'es-MX', en: 'en' };

/** Translates a key into `lang` with {placeholders} filled; an unknown key falls back to Spanish, then to itself. */
export function pageTranslate(lang: PageLang, key: PageMessageKey | string, params: Record<string, string | number> = {}): string {
  const msg = (CATALOGS[lang] as Record<string, string>)[key] ?? (esMX as Record<string, string>)[key] ?? key;
  return msg.replace(/\{(\w+)\}/g, (_, k: string) => (params[k] !== undefined ? String(params[k]) : `{${k}}`));
}

/** A translate function bound to one language. */
export type PageT = (key: PageMessageKey | string, params?: Record<string, string | number>) => string;
