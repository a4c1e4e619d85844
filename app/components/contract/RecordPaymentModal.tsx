import { FormLayout, Select, Text } from "@shopify/polaris";
import { useState } from "react";

import { useShopFormat } from "../shop-format-context";
import { ContractFormModal, type ContractModalProps } from "./ContractFormModal";
import type { StageView } from "./contract-view";
import { ModalAmountField, ModalTextField, useAmountTyping } from "./ModalTextField";
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
  const { amountInput, money } = useShopFormat();
  const errors = useSubmittedErrors(result, "offlinePayment");
  const [method, setMethod] = useState(METHODS[0]!);
  const amount = useAmountTyping(amountInput(stage.owed, currency));
  const field = (name: string) => `record-payment-${name}`;
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
      onSend={amount.check}
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
        <ModalAmountField
          id={field("amount")}
          name="amount"
          label="Amount received"
          helpText="All of what the stage owes, or part of it."
          typing={amount}
          currency={currency}
          errors={errors}
        />
        <ModalTextField id={field("receivedOn")} name="receivedOn" label="Day the money arrived" type="date" max={today} initial={today} errors={errors} />
        <ModalTextField
          id={field("reference")}
          name="reference"
          label="Buyer's reference (optional)"
          helpText="The transfer or cheque number, as the buyer gave it."
          errors={errors}
        />
      </FormLayout>
    </ContractFormModal>
  );
}
