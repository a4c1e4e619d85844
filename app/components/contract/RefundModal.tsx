import { FormLayout, Text, TextField } from "@shopify/polaris";
import { useState } from "react";

import { useShopFormat } from "../shop-format-context";
import { ContractFormModal, type ContractModalProps } from "./ContractFormModal";
import { amountTypingProblem, currencyAffix } from "./amount-typing";
import { useSubmittedErrors } from "./use-submitted-errors";

interface RefundModalProps extends ContractModalProps {
  /** Paid and not yet refunded: the most a refund can give back. */
  readonly held: string;
}

/** Money back to the buyer through Shopify, from the latest stages first; the reason goes on the refund in Shopify. */
export function RefundModal({ held, currency, result, busy, onClose, submit }: RefundModalProps) {
  const { money, format } = useShopFormat();
  const errors = useSubmittedErrors(result, "refund");
  const [amount, setAmount] = useState("");
  const [amountTouched, setAmountTouched] = useState(false);
  const [reason, setReason] = useState("");
  const amountError = errors.fields.amount ?? (amountTouched ? amountTypingProblem(amount, currency, format.locale) : null);
  const problems = [
    errors.fields.amount ? { fieldId: "refund-amount", label: "Amount to refund", message: errors.fields.amount } : null,
    errors.fields.reason ? { fieldId: "refund-reason", label: "Reason", message: errors.fields.reason } : null,
  ].filter((problem) => problem !== null);

  return (
    <ContractFormModal
      title="Refund"
      intent="refund"
      primary={{ content: "Refund" }}
      notDone="Not refunded"
      errors={errors}
      problems={problems}
      busy={busy}
      onClose={onClose}
      onSend={() => setAmountTouched(true)}
      submit={submit}
    >
      <Text as="p">Up to {money(held, currency)} can be refunded. Shopify gives it back through the payments that paid the latest stages first.</Text>
      <FormLayout>
        <TextField
          id="refund-amount"
          name="amount"
          label="Amount to refund"
          {...currencyAffix(currency, format.locale)}
          inputMode="decimal"
          value={amount}
          onChange={(value) => {
            setAmount(value);
            errors.clear("amount");
          }}
          onBlur={() => setAmountTouched(true)}
          error={amountError ?? undefined}
          autoComplete="off"
        />
        <TextField
          id="refund-reason"
          name="reason"
          label="Reason"
          helpText="It goes on the refund in Shopify."
          value={reason}
          onChange={(value) => {
            setReason(value);
            errors.clear("reason");
          }}
          error={errors.fields.reason}
          autoComplete="off"
        />
      </FormLayout>
    </ContractFormModal>
  );
}
