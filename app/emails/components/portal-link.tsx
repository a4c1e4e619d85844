import { Link, Text } from "@react-email/components";
import type { EmailContext } from "../email-context";
import { linkableUrl } from "./safe-url";
import { paragraph } from "./styles";

/** The buyer's portal: every stage, invoice and receipt of the contract. */
export function PortalLink({ context }: { readonly context: EmailContext }) {
  const portalUrl = linkableUrl(context.document.contract.portalUrl);
  if (!portalUrl) return null;
  return (
    <Text style={{ ...paragraph, marginTop: "16px" }}>
      <Link href={portalUrl} style={{ color: context.colors.heading, textDecoration: "underline" }}>
        {context.messages.portalLink}
      </Link>
    </Text>
  );
}
