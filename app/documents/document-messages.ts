import { messageLocaleOf } from "../locale/format";
import type { MessageLocale } from "../domain/documents/buyer-document";
import { de } from "./messages/de";
import { en, type DocumentMessages } from "./messages/en";
import { fr } from "./messages/fr";

const MESSAGES: Readonly<Record<MessageLocale, DocumentMessages>> = { en, de, fr };

/** The PDFs' words in the buyer's language ("de-AT" → German), English for any language we do not write. */
export function documentMessagesFor(locale: string): DocumentMessages {
  return MESSAGES[messageLocaleOf(locale)];
}
