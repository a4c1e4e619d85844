import { adminOperation } from "../admin-operation";

/** Sets metafields (stage metadata on a draft or order); setting the same values twice changes nothing more. */
export const metafieldsSetMutation = adminOperation(
  "MetafieldsSet",
  `#graphql
  mutation MetafieldsSet($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      metafields {
        id
        namespace
        key
        type
        value
        compareDigest
        updatedAt
      }
      userErrors {
        field
        message
        code
        elementIndex
      }
    }
  }
`,
  { idempotent: true },
);
