import { NavLink } from "@remix-run/react";
import { Banner, Box, InlineStack, Text } from "@shopify/polaris";
import type { ReactNode } from "react";

import { ADMIN_SECTIONS } from "./admin-sections";
import { useShopFormat } from "./shop-format-context";

interface LocalModeFrameProps {
  readonly shop: string;
  readonly emulatorOrigin: string;
  /** The emulator's clock as the page was served. */
  readonly now: string;
  readonly children: ReactNode;
}

/**
 * What Shopify's admin frame gives an embedded app (the navigation), drawn by the app itself in local mode,
 * with a reminder that the shop is the emulator's and a way to its clock and mailbox.
 */
export function LocalModeFrame({ shop, emulatorOrigin, now, children }: LocalModeFrameProps) {
  const { dateTime } = useShopFormat();
  return (
    <>
      <header>
        <Box background="bg-surface" borderBlockEndWidth="025" borderColor="border" padding="300">
          <InlineStack gap="400" blockAlign="center" wrap>
            <Text as="p" variant="headingMd">
              Tranche
            </Text>
            <nav aria-label="Tranche">
              <InlineStack gap="300" as="ul">
                {ADMIN_SECTIONS.map((section) => (
                  <li key={section.url} style={{ listStyle: "none" }}>
                    <NavLink to={section.url} end={section.url === "/app"} style={({ isActive }) => ({ fontWeight: isActive ? 650 : 450 })}>
                      {section.label}
                    </NavLink>
                  </li>
                ))}
              </InlineStack>
            </nav>
          </InlineStack>
        </Box>
      </header>
      <Banner tone="info">
        <p>
          Local mode: signed in to the emulator shop {shop}, whose clock reads {dateTime(now)} (the shop&apos;s time).{" "}
          <a href={`${emulatorOrigin}/_emulator`}>Open the emulator</a> to read the buyer&apos;s mail, pay links and advance the clock.
        </p>
      </Banner>
      <main>{children}</main>
    </>
  );
}
