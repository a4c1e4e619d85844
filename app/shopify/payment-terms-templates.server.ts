import type { AdminClient } from "./admin-client.server";
import { paymentTermsTemplatesQuery } from "./operations/payment-terms-templates-query";

export type TemplateType = "FIXED" | "FULFILLMENT";

/** Template ids are Shopify's and the same for every shop, so one look-up per type serves the process. */
const templateIds = new Map<TemplateType, Promise<string>>();

/** The id of Shopify's payment terms template of a type (FIXED: a date; FULFILLMENT: due on fulfillment). */
export function paymentTermsTemplateId(admin: AdminClient, type: TemplateType): Promise<string> {
  let id = templateIds.get(type);
  if (!id) {
    id = admin.request(paymentTermsTemplatesQuery, { paymentTermsType: type }).then(({ paymentTermsTemplates }) => {
      const template = paymentTermsTemplates[0];
      if (!template) throw new Error(`Shopify lists no ${type} payment terms template`);
      return template.id;
    });
    id.catch(() => templateIds.delete(type));
    templateIds.set(type, id);
  }
  return id;
}
