import type { MessageLocale } from "../domain/documents/buyer-document";
import type { Trigger } from "../domain/plan/plan";
import { messageLocaleOf } from "./format";

const WORDS: Record<MessageLocale, { fulfillmentCreated: string; orderFulfilled: string; milestone: (name: string) => string }> = {
  en: { fulfillmentCreated: "when the order ships", orderFulfilled: "when the whole order has shipped", milestone: (name) => `at the milestone “${name}”` },
  de: {
    fulfillmentCreated: "sobald die Bestellung versandt wird",
    orderFulfilled: "sobald die ganze Bestellung versandt ist",
    milestone: (name) => `beim Meilenstein „${name}“`,
  },
  fr: {
    fulfillmentCreated: "à l’expédition de la commande",
    orderFulfilled: "quand toute la commande est expédiée",
    milestone: (name) => `à l’étape « ${name} »`,
  },
};

/** When a stage without a date falls due, in the buyer's words ("when the order ships"). */
export function triggerWords(trigger: Trigger, locale: string): string {
  const words = WORDS[messageLocaleOf(locale)];
  return trigger.event === "milestone" ? words.milestone(trigger.milestone) : words[trigger.event];
}
