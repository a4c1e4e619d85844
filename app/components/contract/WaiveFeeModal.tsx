import { Text, TextField } from "@shopify/polaris";
import { useState } from "react";

import { useShopFormat } from "../shop-format-context";
import { ContractFormModal, type ContractModalProps } from "./ContractFormModal";
import type { StageView } from "./contract-view";
import { useSubmittedErrors } from "./use-submitted-errors";

interface WaiveFeeModalProps extends ContractModalProps {
  readonly stage: StageView;
}

/** Staff let the buyer off a late fee nothing was paid on: its link is withdrawn and the books take it back today. */
export function WaiveFeeModal({ stage, currency, result, busy, onClose, submit }: WaiveFeeModalProps) {
  const { money } = useShopFormat();
  const errors = useSubmittedErrors(result, "waiveFee");
  const [reason, setReason] = useState("");
  return (
    <ContractFormModal
      title="Waive the late fee"
      intent="waiveFee"
      hidden={{ position: stage.position }}
      primary={{ content: "Waive fee", destructive: true }}
      notDone="Not waived"
      errors={errors}
      problems={errors.fields.reason ? [{ fieldId: "waive-reason", label: "Reason", message: errors.fields.reason }] : []}
      busy={busy}
      onClose={onClose}
      submit={submit}
    >
      <Text as="p">
        {stage.title}: {money(stage.amount, currency)}. The buyer is no longer asked for it, and its payment link stops working.
      </Text>
      <TextField
        id="waive-reason"
        label="Reason"
        name="reason"
        helpText="Kept in the contract's timeline."
        autoComplete="off"
        value={reason}
        onChange={(value) => {
          setReason(value);
          errors.clear("reason");
        }}
        error={errors.fields.reason}
      />
    </ContractFormModal>
  );
}
