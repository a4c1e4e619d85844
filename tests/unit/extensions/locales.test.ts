import {describe, expect, it} from 'vitest';

import {LOCALE_FILES, localeFilesOf, messageKeys} from './translations';

/** The buyer-schedule extension's messages (extensions/buyer-schedule/locales): English by default, German, French. */
describe('buyer-schedule locale files', () => {
  it('are English (the default), German and French', () => {
    expect(Object.keys(LOCALE_FILES).sort()).toEqual(['de', 'en', 'fr']);
  });

  it.each(['de', 'fr'])('%s translates every English message, and nothing else', (locale) => {
    expect(messageKeys(LOCALE_FILES[locale]!).sort()).toEqual(messageKeys(LOCALE_FILES.en!).sort());
  });

  it.each(['de', 'fr'])('%s keeps every placeholder of the English message', (locale) => {
    const placeholders = (message: string) => [...message.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]).sort();
    const valueAt = (messages: unknown, key: string) => key.split('.').reduce((value, part) => (value as Record<string, unknown>)[part], messages) as string;
    for (const key of messageKeys(LOCALE_FILES.en!)) {
      expect(placeholders(valueAt(LOCALE_FILES[locale], key)), key).toEqual(placeholders(valueAt(LOCALE_FILES.en, key)));
    }
  });
});

/** The customer-payments page's messages: the same languages, every message of the blocks it reuses (contract-view.ts) too. */
describe('customer-payments locale files', () => {
  const files = localeFilesOf('customer-payments');

  it.each(['de', 'fr'])('%s translates every English message, and nothing else', (locale) => {
    expect(messageKeys(files[locale]!).sort()).toEqual(messageKeys(files.en!).sort());
  });

  it('carry every message of the buyer-schedule blocks', () => {
    expect(messageKeys(files.en!)).toEqual(expect.arrayContaining(messageKeys(LOCALE_FILES.en!)));
  });
});
