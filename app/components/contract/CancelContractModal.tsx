import { ChoiceList, FormLayout, Text } from "@shopify/polaris";
import { useState } from "react";

import { useShopFormat } from "../shop-format-context";
import { ContractFormModal, type ContractModalProps } from "./ContractFormModal";
import { ModalAmountField, ModalTextField, useAmountTyping } from "./ModalTextField";
import { useSubmittedErrors } from "./use-submitted-errors";

interface CancelContractModalProps extends ContractModalProps {
  /** Paid and not refunded; null when nothing was paid. */
  readonly held: string | null;
}

/** Cancelling asks what happens to the money paid: refund all or part, keep it as credit, or keep it and close the order. */
export function CancelContractModal({ held, currency, result, busy, onClose, submit }: CancelContractModalProps) {
  const { money } = useShopFormat();
  const errors = useSubmittedErrors(result, "cancel");
  const [settlement, setSettlement] = useState<string[]>([held ? "refundAll" : "keepAsCredit"]);
  const refundAmount = useAmountTyping("");
  const paid = held ? money(held, currency) : null;
  const choices = paid
    ? [
        { label: `Refund everything paid (${paid})`, value: "refundAll" },
        { label: "Refund part of it", value: "refundPart" },
        { label: "Keep it as the customer's credit (the order is cancelled without a refund)", value: "keepAsCredit" },
        { label: "Keep it and close the order as it stands", value: "close" },
      ]
    : [
        { label: "Cancel the order in Shopify", value: "keepAsCredit" },
        { label: "Close the order as it stands", value: "close" },
      ];
  const refundPart = settlement[0] === "refundPart";
  const problems = [
    errors.fields.settlement ? { fieldId: "cancel-settlement", label: "The money paid", message: errors.fields.settlement } : null,
    errors.fields.refundAmount ? { fieldId: "cancel-refund-amount", label: "Amount to refund", message: errors.fields.refundAmount } : null,
    errors.fields.reason ? { fieldId: "cancel-reason", label: "Reason", message: errors.fields.reason } : null,
  ].filter((problem) => problem !== null);

  return (
    <ContractFormModal
      title="Cancel this contract?"
      intent="cancel"
      hidden={{ settlement: settlement[0] ?? "" }}
      primary={{ content: "Cancel contract", destructive: true }}
      dismiss="Keep contract"
      notDone="Not cancelled"
      errors={errors}
      problems={problems}
      busy={busy}
      onClose={onClose}
      onSend={refundAmount.check}
      submit={submit}
    >
      <Text as="p">Nothing more is charged or invoiced: open payment links are withdrawn and shipping is no longer held. This cannot be undone.</Text>
      <FormLayout>
        <div id="cancel-settlement">
          <ChoiceList
            title={paid ? `${paid} has been paid. What happens to it?` : "Nothing has been paid. What happens to the order?"}
            choices={choices}
            selected={settlement}
            onChange={(value) => {
              setSettlement(value);
              errors.clear("settlement");
            }}
            error={errors.fields.settlement}
          />
        </div>
        {refundPart ? (
          <ModalAmountField id="cancel-refund-amount" name="refundAmount" label="Amount to refund" typing={refundAmount} currency={currency} errors={errors} />
        ) : null}
        <ModalTextField id="cancel-reason" name="reason" label="Reason (optional, for the timeline)" errors={errors} />
      </FormLayout>
    </ContractFormModal>
  );
}
