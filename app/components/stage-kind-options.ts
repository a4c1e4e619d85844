import { STAGE_KINDS, type StageKind } from "../domain/plan/plan";

const STAGE_KIND_LABELS: Readonly<Record<StageKind, string>> = {
  deposit: "Deposit",
  milestone: "Milestone payment",
  preShipping: "Before shipping (holds fulfillment)",
  balance: "Balance",
  installment: "Installment",
  retainer: "Retainer",
};

/** The stage kinds as staff pick them in a form: the plan editor's and the schedule editor's. */
export const STAGE_KIND_OPTIONS: { label: string; value: StageKind }[] = STAGE_KINDS.map((kind) => ({ label: STAGE_KIND_LABELS[kind], value: kind }));
