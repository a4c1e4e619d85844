import type { MessageLocale } from "../domain/documents/buyer-document";
import { messageLocaleOf } from "../locale/format";
import { de } from "./messages/de";
import { en, type PortalMessages } from "./messages/en";
import { fr } from "./messages/fr";

const MESSAGES: Readonly<Record<MessageLocale, PortalMessages>> = { en, de, fr };

/** The portal's words in the buyer's language ("fr-CH" → French), English for any language we do not write. */
export function portalMessagesFor(locale: string): PortalMessages {
  return MESSAGES[messageLocaleOf(locale)];
}
