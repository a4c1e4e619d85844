import { Text } from "@react-email/components";
import type { BuyerStage } from "../../domain/documents/buyer-document";
import { paymentTermsWords } from "../../locale/payment-terms-words";
import type { EmailContext } from "../email-context";
import { paragraph } from "./styles";

/** The stage's early-payment offer and late-fee notice, one sentence each; nothing when it has neither. */
export function PaymentTermsNote({ context, stage }: { readonly context: EmailContext; readonly stage: BuyerStage }) {
  const sentences = paymentTermsWords(stage.paymentTerms, { locale: context.document.locale.locale, money: context.money, date: context.date });
  return sentences.map((sentence) => (
    <Text key={sentence} style={paragraph}>
      {sentence}
    </Text>
  ));
}
