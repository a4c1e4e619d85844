import { adminOperation } from "../admin-operation";

/** Deletes a draft order (a stage draft that is no longer needed). */
export const draftOrderDeleteMutation = adminOperation(
  "DraftOrderDelete",
  `#graphql
  mutation DraftOrderDelete($input: DraftOrderDeleteInput!) {
    draftOrderDelete(input: $input) {
      deletedId
      userErrors {
        field
        message
      }
    }
  }
`,
);
