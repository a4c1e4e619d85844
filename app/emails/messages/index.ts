import type { MessageLocale } from "../../domain/documents/buyer-document";
import { de } from "./de";
import { en, type Messages } from "./en";
import { fr } from "./fr";

export type { Messages };

const MESSAGES: Readonly<Record<MessageLocale, Messages>> = { en, de, fr };

export function messagesFor(locale: MessageLocale): Messages {
  return MESSAGES[locale];
}
