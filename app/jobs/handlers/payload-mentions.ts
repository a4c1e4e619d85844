/** A JSON string (escapes included) or number, as written. */
const JSON_SCALAR = /"(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*/g;

/** Which stored JSON texts (webhook bodies, job payloads) mention a person or their orders. */
export interface PayloadMentions {
  /** A `where` on `payload` that finds every mentioning row and maybe others: the database's coarse cut. */
  readonly candidates: { payload: { contains: string; mode: "insensitive" } }[];
  /** The exact test, applied to each candidate. */
  mentionedIn(payload: string): boolean;
}

/**
 * `texts` (GIDs, an email) mention when they occur anywhere, in any case, as a case-insensitive search finds them.
 * `numericIds` (REST ids: `"customer":{"id":4501}`, `"order_id":9002`) mention only as a whole JSON number or
 * string, so that 12 matches neither 123, 12.50, -12 nor "order 12". The text is read token by token rather
 * than parsed, because JSON.parse rounds ids past 2^53, which Shopify's are.
 */
export function payloadMentions(texts: readonly string[], numericIds: readonly string[]): PayloadMentions {
  const lowerTexts = texts.map((text) => text.toLowerCase());
  const ids = new Set(numericIds);
  return {
    candidates: [...texts, ...numericIds].map((text) => ({ payload: { contains: text, mode: "insensitive" } })),
    mentionedIn(payload) {
      const lowerPayload = payload.toLowerCase();
      return lowerTexts.some((text) => lowerPayload.includes(text)) || hasWholeValue(payload, ids);
    },
  };
}

function hasWholeValue(json: string, values: ReadonlySet<string>): boolean {
  for (const [token] of json.matchAll(JSON_SCALAR)) {
    if (values.has(token.startsWith('"') ? token.slice(1, -1) : token)) return true;
  }
  return false;
}
