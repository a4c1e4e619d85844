import { discountsGrantedWords } from "../../locale/payment-terms-words";
import type { EmailContext } from "../email-context";
import { FactRows, type Fact } from "./fact-rows";

/** The order's totals: its total, what was paid (net of refunds), early-payment discounts, refunded, and what is left to pay. */
export function ContractSummary({ context }: { readonly context: EmailContext }) {
  const { contract } = context.document;
  const { labels } = context.messages;
  const facts: Fact[] = [
    { label: labels.total, value: context.money(contract.totalMinor) },
    { label: contract.refundedMinor > 0n ? labels.paidNet : labels.paid, value: context.money(contract.paidMinor) },
  ];
  if (contract.discountMinor > 0n) facts.push({ label: discountsGrantedWords(context.document.locale.locale), value: context.money(contract.discountMinor) });
  if (contract.refundedMinor > 0n) facts.push({ label: labels.refunded, value: context.money(contract.refundedMinor) });
  facts.push({ label: labels.outstanding, value: context.money(contract.outstandingMinor) });
  return <FactRows facts={facts} />;
}
