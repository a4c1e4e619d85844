import { BlockStack, List, Select, Text } from "@shopify/polaris";
import { useState } from "react";

import { useShopFormat } from "../shop-format-context";
import { ContractFormModal, type ContractModalProps } from "./ContractFormModal";
import type { MilestoneView } from "./contract-view";
import { useSubmittedErrors } from "./use-submitted-errors";

interface MilestoneModalProps extends ContractModalProps {
  readonly milestones: readonly MilestoneView[];
}

/** Staff mark a milestone reached (production done, ready to ship): the stages waiting for it are dated from today. */
export function MilestoneModal({ milestones, currency, result, busy, onClose, submit }: MilestoneModalProps) {
  const { money } = useShopFormat();
  const errors = useSubmittedErrors(result, "milestone");
  const [name, setName] = useState(milestones[0]?.name ?? "");
  const chosen = milestones.find((milestone) => milestone.name === name);

  return (
    <ContractFormModal
      title="Mark a milestone reached"
      intent="milestone"
      hidden={{ milestone: name }}
      primary={{ content: "Mark reached" }}
      notDone="Not marked"
      errors={errors}
      busy={busy}
      onClose={onClose}
      submit={submit}
    >
      {milestones.length > 1 ? (
        <Select
          label="Milestone reached"
          options={milestones.map((milestone) => milestone.name)}
          value={name}
          onChange={(value) => {
            setName(value);
            errors.clear("milestone");
          }}
          error={errors.fields.milestone}
        />
      ) : (
        <Text as="p">Mark “{name}” as reached today.</Text>
      )}
      {chosen ? (
        <BlockStack gap="100">
          <Text as="p">
            These stages are dated from today and collected when they fall due (the buyer gets the payment link by email, or the saved card is charged):
          </Text>
          <List>
            {chosen.stages.map((stage) => (
              <List.Item key={stage.position}>
                Stage {stage.position}, {stage.title}: {money(stage.amount, currency)}
              </List.Item>
            ))}
          </List>
        </BlockStack>
      ) : null}
    </ContractFormModal>
  );
}
