import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';

import {createFormatter, type Formatter, type Translate} from '../../../extensions/buyer-schedule/src/format';
import {EXTENSIONS_DIR} from './render-helpers';

const DEFAULT_FILE = 'en.default.json';

export type Messages = {[key: string]: string | Messages};

/** An extension's locale files by locale ("en", "de", "fr"); the default one under its locale too. */
export function localeFilesOf(extension: string): Record<string, Messages> {
  const dir = path.join(EXTENSIONS_DIR, extension, 'locales');
  return Object.fromEntries(
    readdirSync(dir)
      .filter((file) => file.endsWith('.json'))
      .map((file) => [file.replace(/(\.default)?\.json$/, ''), JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Messages]),
  );
}

/** The buyer-schedule extension's locale files. */
export const LOCALE_FILES = localeFilesOf('buyer-schedule');
const DEFAULT_LOCALE = DEFAULT_FILE.replace('.default.json', '');

/**
 * `shopify.i18n.translate` as Shopify documents it, over the extension's own locale files (the tester's mock
 * only echoes keys): the buyer's locale ("de-CH"), then its language ("de"), then the default locale file;
 * `{{name}}` replaced; a key whose value is an object picks its plural form for `count` (CLDR category,
 * else "other"). A key missing from the default file throws, so a typo in the code fails the test.
 */
export function translatorFor(locale: string, files: Record<string, Messages> = LOCALE_FILES): Translate {
  const language = locale.split('-')[0] as string;
  const chain = [files[locale], files[language], files[DEFAULT_LOCALE]].filter((messages): messages is Messages => !!messages);
  return (key, replacements = {}) => {
    for (const messages of chain) {
      let value = lookUp(messages, key);
      if (value !== undefined && typeof value !== 'string') {
        if (typeof replacements.count !== 'number') throw new Error(`"${key}" needs a count`);
        value = value[new Intl.PluralRules(locale).select(replacements.count)] ?? value.other;
      }
      if (typeof value === 'string') return interpolate(key, value, replacements);
    }
    throw new Error(`no message "${key}" in ${DEFAULT_FILE}`);
  };
}

/** The blocks' formatter for a buyer locale: its messages, money and dates. */
export function formatterFor(locale: string, files: Record<string, Messages> = LOCALE_FILES): Formatter {
  return createFormatter(locale, translatorFor(locale, files));
}

/** Every key of a locale file, plural forms as `key.one`, `key.other`. */
export function messageKeys(messages: Messages, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) => (typeof value === 'string' ? [prefix + key] : messageKeys(value, `${prefix}${key}.`)));
}

function lookUp(messages: Messages, key: string): string | Messages | undefined {
  let value: string | Messages | undefined = messages;
  for (const part of key.split('.')) value = typeof value === 'object' ? value[part] : undefined;
  return value;
}

function interpolate(key: string, message: string, replacements: Record<string, string | number>): string {
  return message.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    if (!(name in replacements)) throw new Error(`"${key}" needs {{${name}}}`);
    return String(replacements[name]);
  });
}
