import { Banner, BlockStack, Modal } from "@shopify/polaris";
import { useRef, type FormEvent, type ReactNode } from "react";

import { ErrorSummaryBanner } from "../forms/ErrorSummaryBanner";
import type { FieldProblem } from "../forms/field-problems";
import type { ContractActionResult, ContractPageIntent } from "./contract-view";
import type { SubmittedErrors } from "./use-submitted-errors";

/** What the page gives every contract form's modal: the order's currency, the last answer, and how to send or close it. */
export interface ContractModalProps {
  readonly currency: string;
  readonly result: ContractActionResult | undefined;
  readonly busy: boolean;
  readonly onClose: () => void;
  /** Sends the form (the page submits it and shows the answer). */
  readonly submit: (form: HTMLFormElement) => void;
}

interface ContractFormModalProps {
  readonly title: string;
  /** The action the form sends, and its other hidden fields. */
  readonly intent: ContractPageIntent;
  readonly hidden?: Readonly<Record<string, string | number>>;
  /** The primary button: its words, and whether it destroys something (a cancellation). */
  readonly primary: { readonly content: string; readonly destructive?: boolean };
  /** The button that closes the form without sending it. */
  readonly dismiss?: string;
  /** The title of a refusal of the whole form: "Not refunded". */
  readonly notDone: string;
  readonly errors: SubmittedErrors;
  /** The fields the last refusal named, for the summary at the top. */
  readonly problems?: readonly FieldProblem[];
  readonly busy: boolean;
  readonly onClose: () => void;
  /** Runs as the form is sent, before it goes (every field's own check then shows). */
  readonly onSend?: () => void;
  /** Sends the form (the page submits it and shows the answer). */
  readonly submit: (form: HTMLFormElement) => void;
  readonly children: ReactNode;
}

/**
 * The Polaris modal every contract action's form opens in: the form with its intent, the summary of refused fields and
 * a refusal of the whole form at the top, the primary button sending it (Enter too) and a button to close it.
 */
export function ContractFormModal({
  title,
  intent,
  hidden = {},
  primary,
  dismiss = "Cancel",
  notDone,
  errors,
  problems = [],
  busy,
  onClose,
  onSend,
  submit,
  children,
}: ContractFormModalProps) {
  const form = useRef<HTMLFormElement>(null);
  const send = (event?: FormEvent) => {
    event?.preventDefault();
    onSend?.();
    if (form.current) submit(form.current);
  };
  return (
    <Modal
      open
      onClose={onClose}
      title={title}
      primaryAction={{ ...primary, loading: busy, onAction: () => send() }}
      secondaryActions={[{ content: dismiss, onAction: onClose }]}
    >
      <Modal.Section>
        <form ref={form} onSubmit={send}>
          <input type="hidden" name="intent" value={intent} />
          {Object.entries(hidden).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <BlockStack gap="400">
            <ErrorSummaryBanner problems={problems} attempt={errors.attempt} />
            {errors.form ? (
              <Banner tone="critical" title={notDone}>
                <p>{errors.form}</p>
              </Banner>
            ) : null}
            {children}
          </BlockStack>
        </form>
      </Modal.Section>
    </Modal>
  );
}
