import { stringify } from "csv-stringify/sync";

import { contractName } from "../../components/contracts/contract-words";
import { CONTRACT_ATTENTION_LABELS, CONTRACT_STATUS_LABELS, STAGE_STATUS_LABELS } from "../../components/StageStatusBadge";
import { isStillOwed, type ContractBadgeKind } from "../../domain/contract/contract-attention";
import { moneyReceived } from "../../domain/contract/stage-money";
import { calendarDateAt, type CalendarDate } from "../../domain/dates/calendar-date";
import { currencyFor } from "../../domain/money/currency";
import { formatMinorUnits } from "../../domain/money/minor-units";
import { listContractRows, type ContractListRow, type ContractOrder } from "../../models/contract-list.server";
import type { ContractFilter } from "../../models/contracts.server";
import type { Database } from "../../models/database.server";

/** The badges that say why a contract needs staff (or waits), as against its plain status. */
const ATTENTION_BADGES: readonly ContractBadgeKind[] = ["needsAttention", "paymentFailed", "overdue", "onHold"];

/** One row per contract, or one per stage of each contract. */
export type ContractExportShape = "contracts" | "stages";

export interface ContractExport {
  readonly filter: ContractFilter;
  readonly order: ContractOrder;
  readonly shape: ContractExportShape;
  /** The shop's calendar day and zone: overdue is read on it, creation instants become its dates. */
  readonly today: CalendarDate;
  readonly timeZone: string;
}

const CONTRACT_COLUMNS = [
  "Draft order",
  "Order",
  "Customer",
  "Email",
  "Status",
  "Attention",
  "Currency",
  "Total",
  "Paid",
  "Discount",
  "Refunded",
  "Outstanding",
  "Next stage",
  "Next due date",
  "Created",
];

const STAGE_COLUMNS = [
  "Draft order",
  "Order",
  "Customer",
  "Email",
  "Stage",
  "Title",
  "Status",
  "Currency",
  "Amount",
  "Paid",
  "Discount",
  "Refunded",
  "Outstanding",
  "Due date",
  "Invoice",
];

/**
 * The contracts matching the export as CSV for a spreadsheet or an accounting import: amounts as plain decimals in
 * major units ("12000.50", the currency's own decimals, no grouping or symbol), dates as YYYY-MM-DD in the shop's
 * calendar, statuses in the words the admin shows. "Paid" is money received; an early-payment discount, which settles
 * part of a stage without money, is its own "Discount" column. A UTF-8 byte order mark lets Excel read names with accents; a cell
 * a spreadsheet would run as a formula (a customer named "=HYPERLINK(…)") is quoted out.
 */
export async function contractsCsv(db: Database, shop: string, request: ContractExport): Promise<string> {
  const contracts = await listContractRows(db, shop, { filter: request.filter, order: request.order, today: request.today });
  const records = request.shape === "contracts" ? contracts.map((contract) => contractRecord(contract, request.timeZone)) : contracts.flatMap(stageRecords);
  return stringify(records, {
    header: true,
    columns: request.shape === "contracts" ? CONTRACT_COLUMNS : STAGE_COLUMNS,
    bom: true,
    escape_formulas: true,
  });
}

function contractRecord(contract: ContractListRow, timeZone: string): string[] {
  const money = moneyIn(contract.currency);
  return [
    ...whoseContract(contract),
    CONTRACT_STATUS_LABELS[contract.status] ?? contract.status,
    ATTENTION_BADGES.includes(contract.badge) ? CONTRACT_ATTENTION_LABELS[contract.badge] : "",
    contract.currency,
    money(contract.totalMinor),
    money(contract.paidMinor),
    money(contract.discountMinor),
    money(contract.refundedMinor),
    money(contract.outstandingMinor),
    contract.nextStage?.title ?? "",
    contract.nextStage?.dueDate ?? "",
    calendarDateAt(contract.createdAt, timeZone),
  ];
}

function stageRecords(contract: ContractListRow): string[][] {
  const money = moneyIn(contract.currency);
  return contract.stages.map((stage) => [
    ...whoseContract(contract),
    String(stage.position),
    stage.title,
    STAGE_STATUS_LABELS[stage.status] ?? stage.status,
    contract.currency,
    money(stage.amountMinor),
    money(moneyReceived(stage)),
    money(stage.discountMinor),
    money(stage.refundedMinor),
    money(isStillOwed(stage) ? stage.amountMinor - stage.paidMinor : 0n),
    stage.dueDate ?? "",
    stage.invoiceNumber ?? "",
  ]);
}

function whoseContract(contract: ContractListRow): string[] {
  return [contractName(contract.draftName, contract.draftOrderId), contract.orderName ?? "", contract.customerName ?? "", contract.customerEmail ?? ""];
}

function moneyIn(currencyCode: string): (minor: bigint) => string {
  const currency = currencyFor(currencyCode);
  return (minor) => formatMinorUnits(minor, currency);
}
