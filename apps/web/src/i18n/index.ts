import { esMX, type MessageKey, type Messages } from './es-MX.ts';
import { en } from './en.ts';
import { useApp } from '../stores/index.ts';
import type { Lang } from '../stores/ui-slice.ts';

export type { MessageKey };
const CATALOGS: Record<Lang, Messages> = { es: esMX, en };
export const LOCALES: Record<Lang, string> = { es: 'es-MX', en: 'en-US' };
/** The `<html lang>` of each language (WCAG 3.1.1: screen readers pick their voice from it). */
export const HTML_LANG: Record<Lang, string> = { es: 'es-MX', en: 'en' };

/** Message `key` in `lang` with {placeholders} filled; unknown keys fall back to Spanish, then to the key. */
export function translate(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  const msg = (CATALOGS[lang] as Record<string, string>)[key] ?? (esMX as Record<string, string>)[key] ?? key;
  return msg.replace(/\{(\w+)\}/g, (_, k: string) => (params[k] !== undefined ? String(params[k]) : `{${k}}`));
}

/** Whether the catalog has a message for `key` (used for optional labels such as feature properties). */
export function hasMessage(key: string): boolean {
  return key in esMX;
}

/** The translate function bound to the current language, for components. */
export function useT(): (key: MessageKey | string, params?: Record<string, string | number>) => string {
  const lang = useApp((s) => s.lang);
  return (key, params) => translate(lang, key, params);
}

/** The BCP 47 locale of the current language, for number and date formatting. */
export function useLocale(): string {
  return LOCALES[useApp((s) => s.lang)];
}
