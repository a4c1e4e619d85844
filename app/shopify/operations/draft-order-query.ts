import { adminOperation } from "../admin-operation";

/**
 * A draft order as the schedule is frozen from it: every total, every tax line, custom attributes, payment terms,
 * what checkout will charge now and later, and where it ships (AvaTax taxes at the destination). Not its lines: the schedule splits totals, and leaving them out keeps
 * the query cheap (about 40 points instead of 540), which matters when staff attach many quotes at once.
 */
export const draftOrderQuery = adminOperation(
  "DraftOrder",
  `#graphql
  query DraftOrder($id: ID!) {
    draftOrder(id: $id) {
      id
      name
      status
      email
      currencyCode
      taxesIncluded
      taxExempt
      invoiceUrl
      invoiceSentAt
      createdAt
      updatedAt
      completedAt
      tags
      poNumber
      customer {
        id
        email
        displayName
        locale
      }
      purchasingEntity {
        __typename
        ... on Customer {
          id
        }
        ... on PurchasingCompany {
          company {
            id
            name
          }
          location {
            id
            name
          }
        }
      }
      order {
        id
        name
      }
      customAttributes {
        key
        value
      }
      deposit {
        __typename
        ... on DepositPercentage {
          percentage
        }
      }
      shippingAddress {
        address1
        city
        countryCodeV2
        provinceCode
        zip
      }
      shippingLine {
        title
        originalPriceSet {
          shopMoney {
            amount
            currencyCode
          }
        }
      }
      lineItemsSubtotalPrice {
        shopMoney {
          amount
          currencyCode
        }
      }
      subtotalPriceSet {
        shopMoney {
          amount
          currencyCode
        }
      }
      totalDiscountsSet {
        shopMoney {
          amount
          currencyCode
        }
      }
      totalShippingPriceSet {
        shopMoney {
          amount
          currencyCode
        }
      }
      totalTaxSet {
        shopMoney {
          amount
          currencyCode
        }
      }
      totalPriceSet {
        shopMoney {
          amount
          currencyCode
        }
      }
      amountDueNowSet {
        shopMoney {
          amount
          currencyCode
        }
      }
      amountDueLaterSet {
        shopMoney {
          amount
          currencyCode
        }
      }
      taxLines {
        title
        rate
        priceSet {
          shopMoney {
            amount
            currencyCode
          }
        }
      }
      paymentTerms {
        id
        paymentTermsName
        paymentTermsType
        dueInDays
        paymentSchedules(first: 5) {
          nodes {
            id
            issuedAt
            dueAt
            completedAt
          }
        }
      }
    }
  }
`,
);
