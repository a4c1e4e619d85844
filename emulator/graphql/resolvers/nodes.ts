import { findCustomer, findDraftOrder, findOrder } from "../../commerce/shop-lookup";
import type { AdminContext, ResolverModule } from "../resolver-types";
import { customerView } from "./catalog-and-customers";
import { draftOrderView } from "./draft-order-view";
import { orderView } from "./order-view";

/**
 * `node(id)` and `nodes(ids)`: the Node types the app looks up by id. Another type's id answers with an error
 * that names it, as an unimplemented field does.
 */
export const nodeResolvers: ResolverModule = {
  query: {
    node: ({ id }, context) => nodeView(String(id), context),
    nodes: ({ ids }, context) => (ids as string[]).map((id) => nodeView(id, context)),
  },
};

function nodeView(id: string, context: AdminContext): unknown {
  const type = /^gid:\/\/shopify\/(\w+)\/\d+$/.exec(id)?.[1];
  const { shop } = context;
  switch (type) {
    case "Order": {
      const order = findOrder(shop, id);
      return order ? orderView(order, context) : null;
    }
    case "DraftOrder": {
      const draft = findDraftOrder(shop, id);
      return draft ? draftOrderView(draft, context) : null;
    }
    case "Customer": {
      const customer = findCustomer(shop, id);
      return customer ? customerView(customer) : null;
    }
    case undefined:
      throw new Error(`Invalid global id '${id}'`);
    default:
      throw new Error(`The Tranche emulator does not implement node lookups of ${type}`);
  }
}
