import { Link } from "@react-email/components";
import type { BuyerStage } from "../../domain/documents/buyer-document";
import { discountGrantedWords } from "../../locale/payment-terms-words";
import { dueText, type EmailContext } from "../email-context";
import { FactRows, type Fact } from "./fact-rows";
import { linkableUrl } from "./safe-url";

/**
 * One stage's figures: amount, the tax it includes line by line, what was paid (and an early-payment discount granted)
 * and is left, due date, invoice.
 */
export function StageFacts({ context, stage }: { readonly context: EmailContext; readonly stage: BuyerStage }) {
  const { labels } = context.messages;
  const facts: Fact[] = [
    { label: labels.amount, value: context.money(stage.amountMinor) },
    ...stage.taxLines.map((tax) => ({ label: labels.includesTax(tax.title), value: context.money(tax.amountMinor) })),
  ];
  if (stage.earlyPaymentDiscount) {
    // Settled by money and a discount: what the buyer paid, and what they were let off.
    facts.push({ label: labels.paid, value: context.money(stage.paidMinor) });
    facts.push({
      label: discountGrantedWords(stage.earlyPaymentDiscount, context.document.locale.locale),
      value: context.money(stage.earlyPaymentDiscount.amountMinor),
    });
  } else if (stage.paidMinor > 0n && stage.paidMinor < stage.amountMinor) facts.push({ label: labels.alreadyPaid, value: context.money(stage.paidMinor) });
  if (stage.refundedMinor > 0n) facts.push({ label: labels.refunded, value: context.money(stage.refundedMinor) });
  if (stage.owedMinor > 0n && stage.owedMinor !== stage.amountMinor) facts.push({ label: labels.stillToPay, value: context.money(stage.owedMinor) });
  facts.push({ label: labels.due, value: dueText(context, stage) });
  if (stage.invoiceNumber)
    facts.push({ label: labels.invoice, value: <InvoiceReference context={context} stage={stage} invoiceNumber={stage.invoiceNumber} /> });
  return <FactRows facts={facts} />;
}

function InvoiceReference({ context, stage, invoiceNumber }: { readonly context: EmailContext; readonly stage: BuyerStage; readonly invoiceNumber: string }) {
  const pdfUrl = linkableUrl(stage.invoicePdfUrl);
  if (!pdfUrl) return invoiceNumber;
  return (
    <Link href={pdfUrl} style={{ color: context.colors.heading, textDecoration: "underline" }}>
      {context.messages.invoiceLink(invoiceNumber)}
    </Link>
  );
}
