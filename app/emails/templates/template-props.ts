import type { BuyerStage } from "../../domain/documents/buyer-document";
import type { BuyerEmail, BuyerEmailKind } from "../../domain/documents/buyer-email";
import type { EmailContext } from "../email-context";

/** What a template gets: the email, its context, and the subject and intro already filled in. */
export interface TemplateProps<K extends BuyerEmailKind> {
  readonly context: EmailContext;
  readonly email: Extract<BuyerEmail, { kind: K }>;
  readonly subject: string;
  readonly intro: string;
}

/** An email about one stage also gets that stage. */
export interface StageTemplateProps<K extends BuyerEmailKind> extends TemplateProps<K> {
  readonly stage: BuyerStage;
}
