/** The admin's sections, in the order of Shopify's app navigation (the first is the app's home). */
export const ADMIN_SECTIONS = [
  { url: "/app", label: "Dashboard" },
  { url: "/app/contracts", label: "Contracts" },
  { url: "/app/customers", label: "Customers" },
  { url: "/app/attach", label: "Attach a plan" },
  { url: "/app/plans", label: "Plans" },
  { url: "/app/reports", label: "Reports" },
  { url: "/app/exports", label: "Exports" },
  { url: "/app/settings", label: "Settings" },
] as const;
