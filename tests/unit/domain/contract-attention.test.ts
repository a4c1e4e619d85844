import { describe, expect, it } from "vitest";

import {
  contractAttention,
  shippingHeldFor,
  stageAttention,
  type AttentionContract,
  type AttentionStage,
  type ContractBadgeKind,
  type StageBadgeKind,
} from "../../../app/domain/contract/contract-attention";
import type { ContractStatus } from "../../../app/domain/contract/contract-state";
import type { CalendarDate } from "../../../app/domain/dates/calendar-date";

const TODAY = "2027-03-10" as CalendarDate;

const stage = (changes: Partial<AttentionStage> = {}): AttentionStage => ({
  position: 2,
  kind: "balance",
  status: "invoiced",
  amountMinor: 50_000n,
  paidMinor: 0n,
  refundedMinor: 0n,
  dueDate: "2027-03-20" as CalendarDate,
  attempts: 0,
  chargeKey: null,
  parkedReason: null,
  ...changes,
});

const paidDeposit = stage({ position: 1, kind: "deposit", status: "paid", amountMinor: 20_000n, paidMinor: 20_000n, dueDate: "2027-03-01" as CalendarDate });

const contract = (status: ContractStatus, later: Partial<AttentionStage>[], mainOrderId: string | null = "gid://shopify/Order/1"): AttentionContract => ({
  status,
  mainOrderId,
  stages: [paidDeposit, ...later.map((changes, index) => stage({ position: index + 2, ...changes }))],
});

describe("a stage's badge", () => {
  const cases: [string, Partial<AttentionStage>, ContractStatus, StageBadgeKind][] = [
    ["scheduled, not yet invoiced", { status: "scheduled" }, "active", "scheduled"],
    ["invoiced and not yet due", {}, "active", "due"],
    ["due today is not overdue yet", { dueDate: TODAY }, "active", "due"],
    ["marked overdue", { status: "overdue", dueDate: "2027-03-01" as CalendarDate }, "active", "overdue"],
    ["invoiced, its due date passed before the sweep marked it", { dueDate: "2027-03-09" as CalendarDate }, "active", "overdue"],
    ["a scheduled stage still owed after its due date", { status: "scheduled", dueDate: "2027-03-09" as CalendarDate }, "active", "overdue"],
    ["part paid and not yet due", { paidMinor: 10_000n }, "active", "partlyPaid"],
    ["a declined card", { status: "failed", attempts: 1 }, "active", "paymentFailed"],
    ["a declined card whose link went out instead", { status: "invoiced", attempts: 3 }, "active", "paymentFailed"],
    ["a card charge on its way is not a failure", { status: "scheduled", attempts: 1, chargeKey: "c:2:1" }, "active", "scheduled"],
    ["parked: Shopify refused a step", { parkedReason: "Shopify refused DraftOrderComplete: This order has been paid" }, "active", "needsAttention"],
    ["parked outranks overdue", { status: "overdue", parkedReason: "refused" }, "active", "needsAttention"],
    [
      "paid in the ledger, status not yet synced",
      { status: "overdue", paidMinor: 50_000n, dueDate: "2027-03-01" as CalendarDate },
      "active",
      "paymentRecorded",
    ],
    ["paid in the ledger beats a declined card", { status: "failed", attempts: 1, paidMinor: 50_000n }, "active", "paymentRecorded"],
    ["paid", { status: "paid", paidMinor: 50_000n }, "active", "paid"],
    ["paid and part refunded", { status: "paid", paidMinor: 50_000n, refundedMinor: 1_000n }, "active", "partlyRefunded"],
    ["refunded", { status: "refunded", paidMinor: 50_000n, refundedMinor: 50_000n }, "active", "refunded"],
    ["cancelled", { status: "cancelled" }, "cancelled", "cancelled"],
    ["cancelled, then its money arrived", { status: "cancelled", paidMinor: 50_000n }, "cancelled", "paymentRecorded"],
  ];
  it.each(cases)("%s", (_name, changes, contractStatus, expected) => {
    expect(stageAttention(stage(changes), contractStatus, TODAY)).toBe(expected);
  });
});

describe("a contract's badge", () => {
  const preShipping = { kind: "preShipping" as const, status: "scheduled" as const, dueDate: null };
  const cases: [string, AttentionContract, ContractBadgeKind][] = [
    ["preparing", { ...contract("pending", [{ status: "scheduled" }]), stages: [stage({ position: 1, status: "scheduled" })] }, "preparing"],
    [
      "waiting for the deposit",
      { status: "awaitingDeposit", mainOrderId: null, stages: [stage({ position: 1, kind: "deposit", dueDate: TODAY })] },
      "awaitingDeposit",
    ],
    [
      "a deposit still unpaid after its day",
      { status: "awaitingDeposit", mainOrderId: null, stages: [stage({ position: 1, kind: "deposit", dueDate: "2027-03-09" as CalendarDate })] },
      "overdue",
    ],
    ["active with nothing wrong", contract("active", [{}]), "active"],
    ["overdue instead of a blue Active", contract("active", [{ status: "overdue", dueDate: "2027-03-01" as CalendarDate }]), "overdue"],
    ["a declined card outranks an overdue stage", contract("active", [{ status: "overdue" }, { status: "failed", attempts: 1 }]), "paymentFailed"],
    ["a parked stage outranks everything", contract("active", [{ status: "failed", attempts: 1 }, { parkedReason: "refused" }]), "needsAttention"],
    ["on hold while the pre-shipping stage is unpaid", contract("active", [preShipping]), "onHold"],
    ["not on hold before the main order exists", contract("active", [preShipping], null), "active"],
    ["not on hold once the pre-shipping stage is paid in the ledger", contract("active", [{ ...preShipping, paidMinor: 50_000n }]), "active"],
    ["overdue outranks on hold", contract("active", [preShipping, { status: "overdue" }]), "overdue"],
    ["paid in full", contract("completed", [{ status: "paid", paidMinor: 50_000n }]), "paidInFull"],
    ["cancelled, whatever its stages", contract("cancelled", [{ status: "cancelled", dueDate: "2027-03-01" as CalendarDate }]), "cancelled"],
  ];
  it.each(cases)("%s", (_name, subject, expected) => {
    expect(contractAttention(subject, TODAY)).toBe(expected);
  });

  it("names the pre-shipping stage shipping waits for", () => {
    expect(shippingHeldFor(contract("active", [{ kind: "preShipping", status: "invoiced" }, {}]))).toBe(2);
    expect(shippingHeldFor(contract("active", [{}, { kind: "preShipping", status: "scheduled" }]))).toBe(3);
    expect(shippingHeldFor(contract("active", [{ kind: "preShipping", status: "paid", paidMinor: 50_000n }]))).toBeNull();
    expect(shippingHeldFor(contract("cancelled", [{ kind: "preShipping", status: "cancelled" }]))).toBeNull();
  });
});
