import { FormLayout, Text } from "@shopify/polaris";

import { useShopFormat } from "../shop-format-context";
import { ContractFormModal, type ContractModalProps } from "./ContractFormModal";
import { ModalAmountField, ModalTextField, useAmountTyping } from "./ModalTextField";
import { useSubmittedErrors } from "./use-submitted-errors";

interface RefundModalProps extends ContractModalProps {
  /** Paid and not yet refunded: the most a refund can give back. */
  readonly held: string;
}

/** Money back to the buyer through Shopify, from the latest stages first; the reason goes on the refund in Shopify. */
export function RefundModal({ held, currency, result, busy, onClose, submit }: RefundModalProps) {
  const { money } = useShopFormat();
  const errors = useSubmittedErrors(result, "refund");
  const amount = useAmountTyping("");
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
      onSend={amount.check}
      submit={submit}
    >
      <Text as="p">Up to {money(held, currency)} can be refunded. Shopify gives it back through the payments that paid the latest stages first.</Text>
      <FormLayout>
        <ModalAmountField id="refund-amount" name="amount" label="Amount to refund" typing={amount} currency={currency} errors={errors} />
        <ModalTextField id="refund-reason" name="reason" label="Reason" helpText="It goes on the refund in Shopify." errors={errors} />
      </FormLayout>
    </ContractFormModal>
  );
}
