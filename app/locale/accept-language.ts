/**
 * The language a browser asks for first (`Accept-Language: fr-CH, fr;q=0.9, en;q=0.8` → "fr-CH"), or null when the
 * header names none that Intl knows. Weights decide; on equal weights the header's order does.
 */
export function preferredLanguage(header: string | null): string | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...parameters] = part.trim().split(";");
      const weight = parameters.map((parameter) => /^\s*q=([\d.]+)\s*$/.exec(parameter)?.[1]).find((value) => value !== undefined);
      return { tag: tag.trim(), weight: weight === undefined ? 1 : Number(weight), index };
    })
    .filter((entry) => entry.tag !== "" && entry.tag !== "*" && entry.weight > 0 && knownLocale(entry.tag))
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return ranked[0]?.tag ?? null;
}

function knownLocale(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}
