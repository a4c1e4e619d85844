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
  {
    id: "net-30",
    name: "Net 30",
    description: "The whole total 30 days after the order: nothing at checkout; the order is placed on payment terms and invoiced the same day.",
    config: {
      name: "Net 30",
      // Issued on the order date and payable 30 days later; not "checkout" with net days, so that a customer's
      // negotiated net days replace the 30 (they leave a stage paid at checkout alone).
      stages: [{ kind: "balance", title: "Net terms", share: "remainder", due: { after: "0d", from: "orderDate" }, netDays: 30 }],
    },
  },
  {
    id: "four-payments-15th",
    name: "4 payments on the 15th",
    description:
      "Four equal payments on the 15th of the month: the first on the next 15th after the order (at checkout when ordered on a 15th), the others on the 15th of the three months after it.",
    config: {
      name: "4 payments on the 15th",
      stages: [
        { kind: "installment", share: "equal", due: { dayOfMonth: 15 } },
        { kind: "installment", share: "equal", due: { every: "1m", onDay: 15 }, count: 3 },
      ],
    },
  },
];
