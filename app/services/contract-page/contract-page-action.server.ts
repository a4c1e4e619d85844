import type { ContractActionResult, ContractPageIntent } from "../../components/contract/contract-view";
import { parseCalendarDate, type CalendarDate } from "../../domain/dates/calendar-date";
import { PlanError } from "../../domain/plan-error";
import { AmountInputError, parseAmountInput } from "../../locale/amount-input";
import { formatMoney } from "../../locale/format";
import type { AuditActor } from "../../models/audit-log.server";
import { getContract, type StoredContract } from "../../models/contracts.server";
import { ConcurrencyConflictError, NotFoundError } from "../../models/model-errors.server";
import { shopFormat } from "../../models/shop-profile.server";
import { AdminUserErrors } from "../../shopify/admin-errors";
import { refusalMessage } from "../action-errors";
import { sendEmailAgain } from "../buyer-email/send-email-again.server";
import { ContractActionError, recordOfflinePayment, resendStageLink, retryFailedCharge, waiveLateFee } from "../collection/contract-actions.server";
import { cancelContract, markMilestone, type CancelSettlement } from "../collection/contract-events.server";
import { ContractBusyError } from "../collection/contract-lock.server";
import { refundContract } from "../collection/contract-refunds.server";
import type { ServiceDeps } from "../service-deps.server";
import { moneyHeld } from "../../domain/contract/stage-money";
import { offlinePaymentSettles } from "../../domain/contract/staff-stage-actions";

export interface ContractPageActor {
  readonly shop: string;
  readonly deps: ServiceDeps;
  readonly actor: AuditActor;
}

const INTENTS: readonly ContractPageIntent[] = ["milestone", "offlinePayment", "refund", "resendLink", "retryCharge", "waiveFee", "sendEmailAgain", "cancel"];

/** A form field staff must fix, with what to do; the action answers with all of them at once. */
class FieldErrors extends Error {
  constructor(readonly fields: Readonly<Record<string, string>>) {
    super(Object.values(fields).join(" "));
    this.name = "FieldErrors";
  }
}

/**
 * Does what a form of the contract page asked and answers in staff's words: what was done, or what to fix at which
 * field (amounts are read the shop's way, "12,000.00" or "12.000,00"), or why it does not apply any more.
 */
export async function contractPageAction(staff: ContractPageActor, contractId: string, form: FormData): Promise<ContractActionResult> {
  const intentText = text(form, "intent");
  const intent = INTENTS.find((candidate) => candidate === intentText) ?? null;
  try {
    const contract = await getContract(staff.deps.db, staff.shop, contractId);
    if (!contract) throw new NotFoundError("contract", contractId);
    if (intent === null) throw new ContractActionError("the page sent an action it does not know: reload it and try again");
    const { locale } = await shopFormat(staff.deps, staff.shop);
    const money = (minor: bigint) => formatMoney(minor, contract.currency, locale);
    return { ok: true, intent, message: await perform(staff, contract, intent, form, { locale, money }) };
  } catch (error) {
    if (error instanceof FieldErrors) {
      const count = Object.keys(error.fields).length;
      return { ok: false, intent, message: count === 1 ? "1 field needs a fix." : `${count} fields need a fix.`, fieldErrors: error.fields };
    }
    const failure = failureOf(error);
    return { ok: false, intent, message: failure.message, fieldErrors: failure.field ? { [failure.field]: failure.message } : {} };
  }
}

interface Formatting {
  readonly locale: string;
  readonly money: (minor: bigint) => string;
}

async function perform(staff: ContractPageActor, contract: StoredContract, intent: ContractPageIntent, form: FormData, format: Formatting): Promise<string> {
  const { shop, deps, actor } = staff;
  const contractId = contract.id;
  switch (intent) {
    case "milestone": {
      const milestone = text(form, "milestone");
      if (!milestone) throw new FieldErrors({ milestone: "Choose the milestone that was reached." });
      await markMilestone(deps, shop, { contractId, milestone, actor });
      return `“${milestone}” is marked as reached today. The stages waiting for it are being dated and invoiced; this page shows them as soon as they are.`;
    }
    case "offlinePayment": {
      const stage = stageOf(contract, form);
      const owed = stage.amountMinor - stage.paidMinor;
      const errors: Record<string, string> = {};
      const method = text(form, "method");
      if (!method) errors.method = "Choose how the buyer paid.";
      else if (method.length > 100) errors.method = "Keep the method under 100 characters.";
      const amount = amountField(form, "amount", contract.currency, format.locale, errors);
      if (amount !== null && amount > owed) errors.amount = `Stage ${stage.position} still owes ${format.money(owed)}: enter at most that.`;
      const receivedOn = dateField(form, "receivedOn");
      if (receivedOn === null) errors.receivedOn = "Enter the day the money arrived.";
      const reference = text(form, "reference");
      if (reference.length > 100) errors.reference = "Keep the reference under 100 characters.";
      if (Object.keys(errors).length > 0 || amount === null || receivedOn === null) throw new FieldErrors(errors);
      const paymentKey = text(form, "paymentKey");
      await recordOfflinePayment(deps, shop, {
        contractId,
        position: stage.position,
        method,
        ...(reference ? { reference } : {}),
        receivedOn,
        amount,
        ...(paymentKey ? { key: paymentKey } : {}),
        actor,
      });
      if (amount === owed)
        return `Payment of ${format.money(amount)} recorded: stage ${stage.position} is paid. Shopify's order is brought in line in a moment.`;
      if (offlinePaymentSettles(stage, { amount, receivedOn })) {
        return `Payment of ${format.money(amount)} recorded: stage ${stage.position} is paid with its early-payment discount of ${format.money(owed - amount)}, granted in a moment.`;
      }
      return `Payment of ${format.money(amount)} recorded for stage ${stage.position}; ${format.money(owed - amount)} is still owed.`;
    }
    case "refund": {
      const held = heldOn(contract);
      const errors: Record<string, string> = {};
      const amount = amountField(form, "amount", contract.currency, format.locale, errors);
      if (amount !== null && amount > held) errors.amount = `At most ${format.money(held)} can be refunded: what was paid and not yet refunded.`;
      const reason = text(form, "reason");
      if (!reason) errors.reason = "Say why: it goes on the refund in Shopify.";
      else if (reason.length > 255) errors.reason = "Keep the reason under 255 characters.";
      if (Object.keys(errors).length > 0 || amount === null) throw new FieldErrors(errors);
      await refundContract(deps, shop, { contractId, amount, reason, actor });
      return `Refund of ${format.money(amount)} sent to Shopify. It shows on the stages once Shopify confirms it.`;
    }
    case "resendLink": {
      const stage = stageOf(contract, form);
      await resendStageLink(deps, shop, { contractId, position: stage.position, actor });
      return `Stage ${stage.position}'s payment link was emailed to the buyer again.`;
    }
    case "retryCharge": {
      const stage = stageOf(contract, form);
      await retryFailedCharge(deps, shop, { contractId, position: stage.position, actor });
      return `Stage ${stage.position}'s saved card is charged again in a moment.`;
    }
    case "waiveFee": {
      const stage = stageOf(contract, form);
      const reason = text(form, "reason");
      if (!reason) throw new FieldErrors({ reason: "Say why the fee is waived: it goes in the contract's timeline." });
      if (reason.length > 255) throw new FieldErrors({ reason: "Keep the reason under 255 characters." });
      await waiveLateFee(deps, shop, { contractId, position: stage.position, reason, actor });
      return `${stage.title} is waived: the buyer is no longer asked for it, and its link is withdrawn in a moment.`;
    }
    case "sendEmailAgain":
      await sendEmailAgain(deps, shop, { contractId, emailId: text(form, "emailId"), actor });
      return "The email is queued again and goes out in a moment.";
    case "cancel": {
      const reason = text(form, "reason");
      const errors: Record<string, string> = {};
      if (reason.length > 500) errors.reason = "Keep the reason under 500 characters.";
      const settlement = cancelSettlement(form, contract, format, errors);
      if (Object.keys(errors).length > 0 || settlement === null) throw new FieldErrors(errors);
      await cancelContract(deps, shop, { contractId, ...(reason ? { reason } : {}), settlement, actor });
      return "Contract cancelled: nothing more is charged or invoiced. The money paid is settled as you chose in a moment.";
    }
  }
}

function cancelSettlement(form: FormData, contract: StoredContract, format: Formatting, errors: Record<string, string>): CancelSettlement | null {
  switch (text(form, "settlement")) {
    case "refundAll":
      return { settlement: "refund", amount: "all" };
    case "refundPart": {
      const held = heldOn(contract);
      const amount = amountField(form, "refundAmount", contract.currency, format.locale, errors);
      if (amount !== null && amount > held) errors.refundAmount = `At most ${format.money(held)} can be refunded: what was paid and not yet refunded.`;
      return amount === null ? null : { settlement: "refund", amount };
    }
    case "keepAsCredit":
      return { settlement: "keepAsCredit" };
    case "close":
      return { settlement: "close" };
    default:
      errors.settlement = "Choose what happens to the money paid.";
      return null;
  }
}

/** An amount typed the shop's way, above zero; null (with the field's error) when it is not one. */
function amountField(form: FormData, name: string, currency: string, locale: string, errors: Record<string, string>): bigint | null {
  try {
    const amount = parseAmountInput(text(form, name), currency, locale);
    if (amount > 0n) return amount;
    errors[name] = "Enter an amount above zero.";
  } catch (error) {
    if (!(error instanceof AmountInputError)) throw error;
    errors[name] = error.message;
  }
  return null;
}

/** A day from a date field (the browser sends YYYY-MM-DD whatever it shows); null when there is none. */
function dateField(form: FormData, name: string): CalendarDate | null {
  try {
    return parseCalendarDate(text(form, name), name);
  } catch (error) {
    if (error instanceof PlanError) return null;
    throw error;
  }
}

function stageOf(contract: StoredContract, form: FormData) {
  const position = Number(text(form, "position"));
  const stage = contract.stages.find((candidate) => candidate.position === position);
  if (!stage) throw new ContractActionError("this stage is no longer on the contract: the page now shows its stages as they are");
  return stage;
}

function heldOn(contract: StoredContract): bigint {
  return contract.stages.reduce((sum, stage) => sum + moneyHeld(stage), 0n);
}

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value.trim() : "";
}

/** Why an action was not done, as a sentence for the banner (and the field it is about). */
function failureOf(error: unknown): { message: string; field: string | null } {
  if (error instanceof ContractActionError) return { message: sentence(error.message), field: error.field };
  if (error instanceof AdminUserErrors) {
    return { message: `Shopify refused it: ${sentence(error.userErrors.map((userError) => userError.message).join("; "))}`, field: null };
  }
  if (error instanceof ConcurrencyConflictError) {
    return {
      message:
        "The contract changed while this was being done (a payment or an update from Shopify arrived). Check it below and try again if it still applies.",
      field: null,
    };
  }
  if (error instanceof ContractBusyError)
    return { message: "Tranche is updating this contract with Shopify right now. Try again in a few seconds.", field: null };
  if (error instanceof NotFoundError) return { message: `This ${error.entity} no longer exists: the page now shows what there is.`, field: null };
  return { message: sentence(refusalMessage(error)), field: null };
}

/** Our refusals are written to follow a colon ("stage 2 is paid"): on their own they start in capitals and end in a stop. */
function sentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?”]$/.test(text) ? text : `${text}.`;
}
