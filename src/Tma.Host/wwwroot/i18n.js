// Every visible text in English and German. The language follows the browser until the user chooses one; the choice
// is remembered in localStorage. Model texts come as { en, de } from the API and are picked with pick().
import { en, de } from './strings.js';

const dictionaries = { en, de };
const storageKey = 'tma.language';
const listeners = [];

function initial() {
  try {
    const stored = localStorage.getItem(storageKey);
    if (stored === 'en' || stored === 'de') return stored;
  } catch {
    // storage may be unavailable
  }
  const browser = (navigator.languages && navigator.languages[0]) || navigator.language || 'en';
  return browser.toLowerCase().startsWith('de') ? 'de' : 'en';
}

let current = initial();

export function lang() {
  return current;
}

export function setLang(language) {
  if (language !== 'en' && language !== 'de' || language === current) return;
  current = language;
  try { localStorage.setItem(storageKey, language); } catch { /* not remembered */ }
  document.documentElement.lang = language;
  for (const listener of listeners) listener(language);
}

export function onLanguageChange(listener) {
  listeners.push(listener);
}

/**
 * The text for key in the current language with {name} placeholders filled. A key missing in the current language
 * falls back to English; a key missing everywhere returns fallback (when given) or the key itself.
 */
export function t(key, params = {}, fallback) {
  let text = dictionaries[current][key] ?? dictionaries.en[key];
  if (text === undefined) return fallback !== undefined ? fallback : key;
  for (const [name, value] of Object.entries(params ?? {})) text = text.split(`{${name}}`).join(String(value ?? ''));
  return text;
}

/** The text for key in the given language (no placeholders): e.g. a language's own name on its switch button. */
export function tIn(language, key) {
  return dictionaries[language]?.[key] ?? dictionaries.en[key] ?? key;
}

/** Picks the current language from a { en, de } text of the API (falls back to English, then any). */
export function pick(text) {
  if (text === null || text === undefined) return '';
  if (typeof text === 'string') return text;
  return text[current] ?? text.en ?? Object.values(text)[0] ?? '';
}

function locale() {
  return current === 'de' ? 'de-DE' : 'en-GB';
}

export function fmtDate(value) {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** A date input's value (yyyy-mm-dd) written out in the UI language, e.g. "Sunday, 6 December 2026". */
export function fmtDateLong(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || '');
  if (!m) return '';
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'full', timeZone: 'UTC' }).format(date);
}

export function fmtDateTime(value) {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
