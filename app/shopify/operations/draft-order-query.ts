import { adminOperation } from "../admin-operation";

/**
 * A draft order as the schedule is frozen from it: every total, every tax line, the lines (50 a page, cost
 * below the 1,000 limit; page on with `lineItemsAfter`), custom attributes, payment terms and what checkout
 * will charge now and later.
 */
export const draftOrderQuery = adminOperation(
  "DraftOrder",
  `#graphql
  query DraftOrder($id: ID!, $lineItemsAfter: String) {
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
      }
      purchasingEntity {
        __typename
        ... on Customer {
          id
        }
        ... on PurchasingCompany {
          company {
            id
          }
          location {
            id
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
      lineItems(first: 50, after: $lineItemsAfter) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          id
          title
          sku
          quantity
          custom
          taxable
          requiresShipping
          variant {
            id
          }
          customAttributes {
            key
            value
          }
          originalUnitPriceSet {
            shopMoney {
              amount
              currencyCode
            }
          }
          discountedTotalSet {
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
        }
      }
    }
  }
`,
);
