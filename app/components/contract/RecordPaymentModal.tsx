import { FormLayout, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";

import { useShopFormat } from "../shop-format-context";
import { ContractFormModal, type ContractModalProps } from "./ContractFormModal";
import { amountTypingProblem, currencyAffix } from "./amount-typing";
import type { StageView } from "./contract-view";
import { useSubmittedErrors } from "./use-submitted-errors";

const METHODS = ["Wire transfer", "Bank deposit", "Cheque", "Cash"];

interface RecordPaymentModalProps extends ContractModalProps {
  readonly stage: StageView;
  /** Today in the contract's zone: the default day, and the latest the money can have arrived. */
  readonly today: string;
  /** The key this form sends, taken when it opened: submitting it twice records one payment. */
  readonly paymentKey: string;
}

/**
 * Money a buyer paid outside Shopify's checkout (a wire, a cheque): how, how much (typed the shop's way, all of what
 * the stage owes or part of it), the day it arrived and the buyer's reference. Errors show at their fields.
 */
export function RecordPaymentModal({ stage, currency, today, paymentKey, result, busy, onClose, submit }: RecordPaymentModalProps) {
  const { amountInput, money, format } = useShopFormat();
  const errors = useSubmittedErrors(result, "offlinePayment");
  const [method, setMethod] = useState(METHODS[0]!);
  const [amount, setAmount] = useState(amountInput(stage.owed, currency));
  const [amountTouched, setAmountTouched] = useState(false);
  const [receivedOn, setReceivedOn] = useState(today);
  const [reference, setReference] = useState("");
  const field = (name: string) => `record-payment-${name}`;
  const amountError = errors.fields.amount ?? (amountTouched ? amountTypingProblem(amount, currency, format.locale) : null);
  const problems = [
    { name: "method", label: "How the buyer paid" },
    { name: "amount", label: "Amount received" },
    { name: "receivedOn", label: "Day the money arrived" },
    { name: "reference", label: "Buyer's reference" },
  ].flatMap(({ name, label }) => (errors.fields[name] ? [{ fieldId: field(name), label, message: errors.fields[name]! }] : []));

  return (
    <ContractFormModal
      title={`Record a payment for stage ${stage.position}`}
      intent="offlinePayment"
      hidden={{ position: stage.position, paymentKey }}
      primary={{ content: "Record payment" }}
      notDone="Not recorded"
      errors={errors}
      problems={problems}
      busy={busy}
      onClose={onClose}
      onSend={() => setAmountTouched(true)}
      submit={submit}
    >
      <Text as="p">
        {stage.title}: {money(stage.owed, currency)} still owed. Record money that reached you outside Shopify&apos;s checkout; Tranche mirrors it on the
        Shopify order.
      </Text>
      <FormLayout>
        <Select
          id={field("method")}
          name="method"
          label="How the buyer paid"
          options={METHODS}
          value={method}
          onChange={(value) => {
            setMethod(value);
            errors.clear("method");
          }}
          error={errors.fields.method}
        />
        <TextField
          id={field("amount")}
          name="amount"
          label="Amount received"
          {...currencyAffix(currency, format.locale)}
          inputMode="decimal"
          value={amount}
          onChange={(value) => {
            setAmount(value);
            errors.clear("amount");
          }}
          onBlur={() => setAmountTouched(true)}
          error={amountError ?? undefined}
          helpText="All of what the stage owes, or part of it."
          autoComplete="off"
        />
        <TextField
          id={field("receivedOn")}
          name="receivedOn"
          label="Day the money arrived"
          type="date"
          max={today}
          value={receivedOn}
          onChange={(value) => {
            setReceivedOn(value);
            errors.clear("receivedOn");
          }}
          error={errors.fields.receivedOn}
          autoComplete="off"
        />
        <TextField
          id={field("reference")}
          name="reference"
          label="Buyer's reference (optional)"
          helpText="The transfer or cheque number, as the buyer gave it."
          value={reference}
          onChange={(value) => {
            setReference(value);
            errors.clear("reference");
          }}
          error={errors.fields.reference}
          autoComplete="off"
        />
      </FormLayout>
    </ContractFormModal>
  );
}
