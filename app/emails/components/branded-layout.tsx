import { Body, Column, Container, Head, Heading, Hr, Html, Img, Preview, Row, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import type { EmailContext } from "../email-context";
import { linkableUrl } from "./safe-url";
import { FONT_FAMILY, muted, paragraph, RULE_COLOR } from "./styles";

const LOGO_HEIGHT = 48;

interface BrandedLayoutProps {
  readonly context: EmailContext;
  readonly subject: string;
  /** The inbox preview line. */
  readonly preview: string;
  readonly heading: string;
  readonly children: ReactNode;
}

/** The frame of every email: the shop's logo and name, a heading in its color, the body, and its footer. */
export function BrandedLayout({ context, subject, preview, heading, children }: BrandedLayoutProps) {
  const { branding } = context.document.seller;
  const logoUrl = linkableUrl(branding.logo?.url);
  return (
    <Html lang={context.lang}>
      <Head>
        <title>{subject}</title>
        <meta name="color-scheme" content="light" />
      </Head>
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f4f5f7", fontFamily: FONT_FAMILY, margin: 0, padding: "24px 0" }}>
        <Container style={{ backgroundColor: "#ffffff", maxWidth: "600px", width: "100%", padding: "24px", borderRadius: "6px" }}>
          <Section>
            <Row>
              {logoUrl ? (
                <Column style={{ width: "1%", paddingRight: "12px" }}>
                  <Img src={logoUrl} alt={branding.senderName} height={LOGO_HEIGHT} style={{ height: `${LOGO_HEIGHT}px`, width: "auto" }} />
                </Column>
              ) : null}
              <Column>
                <Text style={{ ...paragraph, fontWeight: 600, margin: 0 }}>{branding.senderName}</Text>
                {context.orderName ? <Text style={{ ...muted, margin: 0 }}>{context.messages.orderLabel(context.orderName)}</Text> : null}
              </Column>
            </Row>
          </Section>
          <Heading as="h1" style={{ color: context.colors.heading, fontSize: "22px", lineHeight: "30px", margin: "24px 0 16px" }}>
            {heading}
          </Heading>
          {children}
          <Hr style={{ borderColor: RULE_COLOR, margin: "24px 0 12px" }} />
          <FooterText footer={branding.footer} />
        </Container>
      </Body>
    </Html>
  );
}

/** The merchant's footer as plain text, line by line: never parsed, so nothing in it becomes a link or markup. */
function FooterText({ footer }: { readonly footer: string }) {
  const lines = footer.split(/\r?\n/).filter((line) => line.trim() !== "");
  return lines.map((line, index) => (
    <Text key={index} style={{ ...muted, margin: 0 }}>
      {line}
    </Text>
  ));
}
