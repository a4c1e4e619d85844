import type { MailTransport, OutgoingMessage } from "../../app/services/buyer-email/mail-transport.server";
import type { BuyerMailDeps } from "../../app/services/service-deps.server";

export const TEST_LINK_SECRET = "test-link-secret";
export const TEST_APP_URL = "https://tranche.test";

/** A transport that keeps what it was given, for tests that look at the emails but not at SMTP. */
export function recordingMailTransport(): MailTransport & { readonly sent: OutgoingMessage[] } {
  const sent: OutgoingMessage[] = [];
  return {
    fromAddress: "payments@tranche.test",
    sent,
    send: async (message) => {
      sent.push(message);
    },
  };
}

/**
 * Buyer mail for tests: a recording transport unless one is given, the test app URL and link secret, and a claim of
 * seconds rather than minutes, so an email a killed worker was sending goes out again within the test.
 */
export function testBuyerMail(transport: MailTransport = recordingMailTransport(), retryScale = 1): BuyerMailDeps {
  return { transport, appUrl: TEST_APP_URL, linkSecret: TEST_LINK_SECRET, retryScale, claimMs: TEST_EMAIL_CLAIM_MS };
}

/**
 * Far longer than one send to the test's SMTP server takes (its delay included), and longer than the queue takes to
 * notice a killed worker's job (its heartbeat) and retry it: that retry finds the email still claimed and ends,
 * rather than the sweep sending the email's next job while the dead one still counts as running.
 */
const TEST_EMAIL_CLAIM_MS = 20_000;
