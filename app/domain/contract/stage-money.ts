/** A stage's settled amounts as stored: `paidMinor` counts money and an early-payment discount granted alike. */
export interface SettledStage {
  readonly paidMinor: bigint;
  readonly discountMinor: bigint;
  readonly refundedMinor: bigint;
}

/** The money a stage received: what settled it, less the discount (which no one paid and no one gets back). */
export function moneyReceived(stage: Pick<SettledStage, "paidMinor" | "discountMinor">): bigint {
  return stage.paidMinor - stage.discountMinor;
}

/** The money a stage holds now: received less refunded. What a refund or a cancellation can give back. */
export function moneyHeld(stage: SettledStage): bigint {
  return moneyReceived(stage) - stage.refundedMinor;
}
