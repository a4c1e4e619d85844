import { adminOperation } from "../admin-operation";

/** A B2B company's name and its locations' names, for its terms page (the app stores only their ids). */
export const companyQuery = adminOperation(
  "Company",
  `#graphql
  query Company($id: ID!) {
    company(id: $id) {
      id
      name
      locations(first: 100) {
        nodes {
          id
          name
        }
      }
    }
  }
`,
);
