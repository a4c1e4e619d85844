import type { ContractResendOutcome } from "../services/collection/bulk-link-resend.server";
import { formatCount } from "./format";

export interface BulkResendSummary {
  readonly tone: "success" | "warning" | "critical";
  readonly message: string;
}

/** Names shown of the contracts whose sending failed; the rest are counted. */
const NAMED_FAILURES = 5;

/**
 * The banner after "Resend payment links": "Links resent for 3 contracts; 1 had no open stage to send." Every
 * contract is counted once: sent (at least one link went out), nothing to send, or failed (named, to open and retry).
 */
export function describeBulkResend(outcomes: readonly ContractResendOutcome[], locale: string): BulkResendSummary {
  if (outcomes.length === 0) return { tone: "warning", message: "Select the contracts whose payment links to resend." };
  const contracts = (count: number) => `${formatCount(count, locale)} ${count === 1 ? "contract" : "contracts"}`;
  const sent = outcomes.filter((outcome) => outcome.sent.length > 0);
  const failed = outcomes.filter((outcome) => outcome.sent.length === 0 && outcome.failed.length > 0);
  const partly = outcomes.filter((outcome) => outcome.sent.length > 0 && outcome.failed.length > 0);
  const nothing = outcomes.filter((outcome) => outcome.sent.length === 0 && outcome.failed.length === 0);

  const parts: string[] = [];
  if (sent.length > 0) parts.push(`Links resent for ${contracts(sent.length)}`);
  if (nothing.length > 0) {
    parts.push(
      sent.length > 0 || failed.length > 0
        ? `${formatCount(nothing.length, locale)} had no open stage to send`
        : `No links resent: ${nothing.length === 1 ? "the contract has" : `the ${contracts(nothing.length)} have`} no open stage to send`,
    );
  }
  const troubled = [...failed, ...partly];
  if (troubled.length > 0) {
    const names = troubled.slice(0, NAMED_FAILURES).map((outcome) => outcome.name);
    const more = troubled.length - names.length;
    const list = more > 0 ? `${names.join(", ")} and ${formatCount(more, locale)} more` : joinNames(names);
    parts.push(`sending failed for ${list}: open ${troubled.length === 1 ? "it" : "each"} to try again`);
  }
  const message = parts.join("; ");
  return {
    tone: troubled.length > 0 ? (sent.length > 0 ? "warning" : "critical") : sent.length > 0 ? "success" : "warning",
    message: `${message.charAt(0).toUpperCase()}${message.slice(1)}.`,
  };
}

function joinNames(names: readonly string[]): string {
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
