/**
 * The tags a stage draft order carries: one for its contract (to list all of a contract's stage drafts in one
 * search) and one for its position. Shopify tags are at most 40 characters; a contract id is 25.
 */
/** Every stage draft order carries it, so searches for the merchant's own quotes can leave them out. */
export const STAGE_DRAFT_TAG = "tranche-stage-payment";

export function contractTag(contractId: string): string {
  return `tranche-${contractId}`;
}

export function stageTag(contractId: string, position: number): string {
  return `tranche-${contractId}-${position}`;
}

/** The stage position a draft's tags name for this contract, or null when they name none. */
export function stagePositionFromTags(contractId: string, tags: readonly string[]): number | null {
  const prefix = `${contractTag(contractId)}-`.toLowerCase();
  for (const tag of tags) {
    const lower = tag.toLowerCase();
    if (!lower.startsWith(prefix)) continue;
    const position = Number(lower.slice(prefix.length));
    if (Number.isInteger(position) && position > 0) return position;
  }
  return null;
}
