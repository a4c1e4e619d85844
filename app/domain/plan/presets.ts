/**
 * Plans merchants recognise, written in the engine's config so they read like what a merchant would type.
 * Each is a starting point: a shop copies one and edits it.
 */
export interface PresetPlan {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly config: { readonly name: string; readonly stages: readonly unknown[] };
}

export const PRESET_PLANS: readonly PresetPlan[] = [
  {
    id: "deposit-30-50-20-net30",
    name: "30% deposit / 50% before shipping / 20% net 30",
    description:
      "30% at checkout; 50% when staff mark the order ready to ship (fulfillment is held until it is paid); 20% thirty days after the order is fulfilled.",
    config: {
      name: "30% deposit / 50% before shipping / 20% net 30",
      stages: [
        { kind: "deposit", title: "Deposit", share: { percent: "30" }, due: "checkout" },
        { kind: "preShipping", title: "Payment before shipping", share: { percent: "50" }, due: { milestone: "Ready to ship" } },
        { kind: "balance", title: "Balance (net 30)", share: { percent: "20" }, due: { event: "orderFulfilled" }, netDays: 30 },
      ],
    },
  },
  {
    id: "monthly-4",
    name: "4 monthly payments",
    description: "Four equal payments: the first at checkout, the others on the same day of the next three months.",
    config: {
      name: "4 monthly payments",
      stages: [
        { kind: "installment", share: "equal", due: "checkout" },
        { kind: "installment", share: "equal", due: { every: "1m" }, count: 3 },
      ],
    },
  },
  {
    id: "deposit-balance-before-shipping",
    name: "Deposit + balance before shipping",
    description: "50% at checkout; the balance when staff mark the order ready to ship, before it is fulfilled.",
    config: {
      name: "Deposit + balance before shipping",
      stages: [
        { kind: "deposit", title: "Deposit", share: { percent: "50" }, due: "checkout" },
        { kind: "preShipping", title: "Balance before shipping", share: "remainder", due: { milestone: "Ready to ship" } },
      ],
    },
  },
  {
    id: "retainer-monthly",
    name: "Retainer + monthly",
    description: "A 25% retainer at checkout, then the rest in six equal monthly payments starting one month later.",
    config: {
      name: "Retainer + monthly",
      stages: [
        { kind: "retainer", title: "Retainer", share: { percent: "25" }, due: "checkout" },
        { kind: "installment", title: "Monthly payment due [InstallmentDate]", share: "equal", due: { every: "1m" }, count: 6 },
      ],
    },
  },
];
