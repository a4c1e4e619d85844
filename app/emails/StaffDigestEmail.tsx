import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import { render, toPlainText } from "@react-email/render";

import type { RenderedEmail } from "./render-buyer-email.server";
import { TEXT_COLOR } from "./components/colors";
import { linkableUrl } from "./components/safe-url";
import { FONT_FAMILY, muted, paragraph, RULE_COLOR } from "./components/styles";

/** One alert as the digest lists it: the words are written by app/locale/staff-alert-words.ts. */
export interface StaffDigestItem {
  readonly badge: string;
  readonly subjectLabel: string | null;
  /** The contract's page in the Shopify admin; null for work about no contract. */
  readonly subjectUrl: string | null;
  readonly text: string;
  readonly detail: string | null;
}

export interface StaffDigestEmailProps {
  readonly subject: string;
  /** "3 things need you today". */
  readonly heading: string;
  readonly shopName: string;
  /** The shop's day the digest is for, written out. */
  readonly dayLabel: string;
  readonly items: readonly StaffDigestItem[];
  /** Alerts beyond the listed ones. */
  readonly moreCount: number;
  /** The app's dashboard in the Shopify admin, where the whole list is. */
  readonly dashboardUrl: string;
}

const BADGE_STYLE = {
  display: "inline-block",
  backgroundColor: "#fff1e3",
  color: "#5e4200",
  borderRadius: "4px",
  fontSize: "12px",
  fontWeight: 600,
  lineHeight: "18px",
  padding: "0 6px",
  marginRight: "6px",
} as const;

/** The daily digest of staff alerts: what needs a person today, each with a link to its contract. English only. */
export function StaffDigestEmail({ subject, heading, shopName, dayLabel, items, moreCount, dashboardUrl }: StaffDigestEmailProps) {
  const dashboard = linkableUrl(dashboardUrl);
  return (
    <Html lang="en">
      <Head>
        <title>{subject}</title>
        <meta name="color-scheme" content="light" />
      </Head>
      <Preview>{subject}</Preview>
      <Body style={{ backgroundColor: "#f4f5f7", fontFamily: FONT_FAMILY, margin: 0, padding: "24px 0" }}>
        <Container style={{ backgroundColor: "#ffffff", maxWidth: "600px", width: "100%", padding: "24px", borderRadius: "6px" }}>
          <Text style={{ ...muted, margin: 0 }}>Tranche · {shopName}</Text>
          <Heading as="h1" style={{ color: TEXT_COLOR, fontSize: "22px", lineHeight: "30px", margin: "16px 0" }}>
            {heading}
          </Heading>
          <Text style={paragraph}>What needs a person on {dayLabel}, the most urgent first. Each item links to its contract in Tranche.</Text>
          {items.map((item, index) => (
            <Section key={index} style={{ borderTop: `1px solid ${RULE_COLOR}`, padding: "12px 0 4px" }}>
              <Text style={{ ...paragraph, margin: "0 0 4px" }}>
                <span style={BADGE_STYLE}>{item.badge}</span> <ContractName item={item} />
                {item.subjectLabel ? ": " : ""}
                {item.text}
              </Text>
              {item.detail ? <Text style={{ ...muted, margin: "0 0 8px" }}>{item.detail}</Text> : null}
            </Section>
          ))}
          {moreCount > 0 ? (
            <Text style={{ ...paragraph, marginTop: "12px" }}>
              And {moreCount} more {moreCount === 1 ? "item" : "items"} on the dashboard.
            </Text>
          ) : null}
          {dashboard ? (
            <Section style={{ margin: "16px 0 8px" }}>
              <Button
                href={dashboard}
                style={{ backgroundColor: TEXT_COLOR, color: "#ffffff", borderRadius: "6px", fontSize: "15px", fontWeight: 600, padding: "10px 18px" }}
              >
                Open the dashboard
              </Button>
            </Section>
          ) : null}
          <Hr style={{ borderColor: RULE_COLOR, margin: "24px 0 12px" }} />
          <Text style={{ ...muted, margin: 0 }}>
            Tranche sends this digest once a day while something needs a person. Change who receives it under Settings → Alerts for staff.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

function ContractName({ item }: { readonly item: StaffDigestItem }) {
  if (!item.subjectLabel) return null;
  const url = linkableUrl(item.subjectUrl);
  return url ? (
    <Link href={url} style={{ color: TEXT_COLOR, fontWeight: 600, textDecoration: "underline" }}>
      {item.subjectLabel}
    </Link>
  ) : (
    <strong>{item.subjectLabel}</strong>
  );
}

/** The digest's HTML and the plain-text part made from it. */
export async function renderStaffDigestEmail(props: StaffDigestEmailProps): Promise<RenderedEmail> {
  const html = await render(<StaffDigestEmail {...props} />);
  return { subject: props.subject, html, text: toPlainText(html, { selectors: [{ selector: "h1", options: { uppercase: false } }] }) };
}
