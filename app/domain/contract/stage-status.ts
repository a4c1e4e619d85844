/**
 * The life of one stage: `scheduled → invoiced → paid`, with `overdue`, `failed`, `cancelled` and `refunded`.
 * Kept as a table so every allowed move is visible in one place and a job that replays an event cannot move a
 * stage backwards (a paid stage never becomes invoiced again; a cancelled one never collects).
 */
export type StageStatus = "scheduled" | "invoiced" | "paid" | "overdue" | "failed" | "cancelled" | "refunded";

export const STAGE_STATUSES: readonly StageStatus[] = ["scheduled", "invoiced", "paid", "overdue", "failed", "cancelled", "refunded"];

/**
 * - `scheduled → paid`: a deposit paid at checkout or a mandate charged without an invoice being sent first.
 * - `scheduled → failed`: a mandate charge declined. `failed → invoiced`: the fallback link was emailed.
 * - `→ overdue`: the due date passed unpaid, whether or not an invoice went out.
 * - `paid → refunded` only for a full refund; a partial refund leaves the stage paid with less `paidMinor`.
 * - A paid stage is never cancelled (the money is refunded instead); `refunded` is final.
 * - `cancelled → paid`: the buyer's payment arrived after staff cancelled (a checkout finished meanwhile): money
 *   received is never relabelled, so the stage shows paid and the cancellation's settlement deals with it.
 */
const NEXT_STATUSES: Readonly<Record<StageStatus, readonly StageStatus[]>> = {
  scheduled: ["invoiced", "paid", "overdue", "failed", "cancelled"],
  invoiced: ["paid", "overdue", "failed", "cancelled"],
  overdue: ["paid", "failed", "cancelled"],
  failed: ["invoiced", "paid", "overdue", "cancelled"],
  paid: ["refunded"],
  cancelled: ["paid"],
  refunded: [],
};

/** Statuses that still expect money: the ones from which a stage can become paid, but for a cancelled stage (owed nothing). */
export const UNPAID_STAGE_STATUSES: readonly StageStatus[] = STAGE_STATUSES.filter(
  (status) => status !== "cancelled" && NEXT_STATUSES[status].includes("paid"),
);

export class InvalidStageTransitionError extends Error {
  readonly from: StageStatus;
  readonly to: StageStatus;

  constructor(from: StageStatus, to: StageStatus) {
    const allowed = NEXT_STATUSES[from];
    super(`a ${from} stage cannot become ${to}${allowed.length ? ` (it can become ${allowed.join(", ")})` : ` (${from} is final)`}`);
    this.name = "InvalidStageTransitionError";
    this.from = from;
    this.to = to;
  }
}

export function isStageStatus(value: string): value is StageStatus {
  return (STAGE_STATUSES as readonly string[]).includes(value);
}

export function canTransitionStage(from: StageStatus, to: StageStatus): boolean {
  return NEXT_STATUSES[from].includes(to);
}

export function assertStageTransition(from: StageStatus, to: StageStatus): void {
  if (!canTransitionStage(from, to)) throw new InvalidStageTransitionError(from, to);
}
