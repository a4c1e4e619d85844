import { adminOperation } from "../admin-operation";

/** Polls an asynchronous job (a mandate payment) until it is done. */
export const jobQuery = adminOperation(
  "Job",
  `#graphql
  query Job($id: ID!) {
    job(id: $id) {
      id
      done
    }
  }
`,
);
