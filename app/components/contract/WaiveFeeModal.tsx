import { Text } from "@shopify/polaris";

import { useShopFormat } from "../shop-format-context";
import { ContractFormModal, type ContractModalProps } from "./ContractFormModal";
import type { StageView } from "./contract-view";
import { ModalTextField } from "./ModalTextField";
import { useSubmittedErrors } from "./use-submitted-errors";

interface WaiveFeeModalProps extends ContractModalProps {
  readonly stage: StageView;
}

/** Staff let the buyer off a late fee nothing was paid on: its link is withdrawn and the books take it back today. */
export function WaiveFeeModal({ stage, currency, result, busy, onClose, submit }: WaiveFeeModalProps) {
  const { money } = useShopFormat();
  const errors = useSubmittedErrors(result, "waiveFee");
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
      <ModalTextField id="waive-reason" name="reason" label="Reason" helpText="Kept in the contract's timeline." errors={errors} />
    </ContractFormModal>
  );
}
