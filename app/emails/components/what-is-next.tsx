import { Text } from "@react-email/components";
import { amountToPay, dueText, stageName, type EmailContext } from "../email-context";
import { paragraph } from "./styles";

/** The first stage still owed something, or thanks when none is. */
export function WhatIsNext({ context }: { readonly context: EmailContext }) {
  const { messages } = context;
  const next = context.document.contract.stages.find((candidate) => candidate.owedMinor > 0n);
  const text = next ? messages.next(stageName(context, next), context.money(amountToPay(next)), dueText(context, next)) : messages.paidInFull;
  return <Text style={{ ...paragraph, fontWeight: 600 }}>{text}</Text>;
}
