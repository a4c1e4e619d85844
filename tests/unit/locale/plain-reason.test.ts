import { describe, expect, it } from "vitest";

import { emailProblemWords } from "../../../app/locale/email-problem-words";
import { alertFormats, plainReason } from "../../../app/locale/staff-alert-words";

const REFUND_REFUSED =
  "Shopify refused a refund of cancelled contract cm4x7k2p90000abcd1234efgh (transaction gid://shopify/OrderTransaction/77: INVALID); " +
  "12.34 EUR of the chosen refund is not given back: refund it in Shopify's admin, and the contract records it";

describe("plainReason: developer text cleaned for staff", () => {
  it.each([
    ["a Shopify GID", "Shopify refused the refund on gid://shopify/Order/1002", undefined, "Shopify refused the refund on the order."],
    ["a GID with a query", "no gid://shopify/DraftOrder/9?key=abc, sorry", undefined, "no the draft order, sorry."],
    ["a contract id", "contract cm4x7k2p90000abcd1234efgh has every stage paid", undefined, "contract has every stage paid."],
    ["an id in brackets", "Payment plan cancelled in Tranche (contract cm4x7k2p90000abcd1234efgh)", undefined, "Payment plan cancelled in Tranche (contract)."],
    ["an id alone in brackets", "outgoing email failed (cm4x7k2p90000abcd1234efgh)", undefined, "outgoing email failed."],
    ["an amount, in the shop's format", "12.34 EUR is owed", "en-US", "€12.34 is owed."],
    ["an amount in German", "12000.5 EUR is owed", "de-DE", "12.000,50\u00a0€ is owed."],
    ["yen, in Japanese", "owes 12000 JPY", "ja-JP", "owes ￥12,000."],
    ["an amount, with no format at hand", "12.34 EUR is owed", undefined, "an amount is owed."],
    ["three capitals that are no currency", "Shopify answered 503 ERR", "en-US", "Shopify answered 503 ERR."],
    [
      "the refused refund, every kind at once",
      REFUND_REFUSED,
      "en-US",
      "Shopify refused a refund of cancelled contract (transaction the order transaction: INVALID); €12.34 of the chosen refund is not given back: refund it in Shopify's admin, and the contract records it.",
    ],
    ["plain words, untouched but for the stop", "Invoice can't be sent", undefined, "Invoice can't be sent."],
    ["a short word with digits is no id", "card 4242 declined by issuer2", undefined, "card 4242 declined by issuer2."],
  ])("%s", (_what, reason, locale, expected) => {
    const amount = locale === undefined ? undefined : alertFormats(locale).amount;
    expect(plainReason(reason, amount)).toBe(expected);
  });

  it("leaves no id, GID or raw amount in what it returns", () => {
    const cleaned = plainReason(REFUND_REFUSED, alertFormats("en-US").amount);
    expect(cleaned).not.toMatch(/gid:\/\/|cm4x7k2p|\d+\.\d{2} [A-Z]{3}/);
  });
});

describe("emailProblemWords: why a buyer email was not sent, in words", () => {
  it.each([
    ["connect ECONNREFUSED 127.0.0.1:587", "the mail server could not be reached"],
    ["Greeting never received", "the mail server could not be reached"],
    ["Connection timeout", "the mail server could not be reached"],
    ["Invalid login: 535 5.7.8 Username and Password not accepted", "the mail server did not accept the app's sign-in"],
    ["550 5.1.1 <ann@example.com>: Recipient address rejected: User unknown", "the mail server refused the buyer's address"],
    ["550 no such user", "the mail server refused the buyer's address"],
    ["421 4.7.0 Try again later, closing connection", "the mail server asked to try again later"],
    ["554 5.7.1 Message rejected as spam", "the mail server refused it"],
    ["SMTP_URL is not set: the app has no mail server to send buyer emails through", "the app has no mail server set up to send it through"],
    ["outgoing email cm4x7k2p90000abcd1234efgh: payload.kind: Invalid enum value", "its saved contents could not be read"],
    ["its workers stopped while sending it 5 times", "sending it stopped part-way too many times"],
    ["the contract has no email address for the buyer", "the contract has no email address for the buyer"],
    ["the buyer's data was redacted", "the buyer's data was redacted"],
    ["Cannot read properties of undefined (reading 'subject')", "it could not be sent"],
  ])("%s → %s", (lastError, words) => {
    expect(emailProblemWords(lastError)).toBe(words);
  });
});
