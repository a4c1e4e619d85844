import { adminOperation } from "../admin-operation";

/** Deletes metafields by owner, namespace and key (a removed customer term); deleting one that is gone changes nothing. */
export const metafieldsDeleteMutation = adminOperation(
  "MetafieldsDelete",
  `#graphql
  mutation MetafieldsDelete($metafields: [MetafieldIdentifierInput!]!) {
    metafieldsDelete(metafields: $metafields) {
      deletedMetafields {
        ownerId
        namespace
        key
      }
      userErrors {
        field
        message
      }
    }
  }
`,
  { idempotent: true },
);
