/**
 * Why a buyer email was not sent, for staff: the recorded error is the mail library's or the server's ("connect
 * ECONNREFUSED 127.0.0.1:587", "550 5.1.1 <ann@example.com>: Recipient address rejected"), which staff cannot act on;
 * they read what happened in words. A reason the app wrote for staff ("the contract has no email address for the
 * buyer", why an email was skipped) stays as written.
 */
export function emailProblemWords(lastError: string): string {
  const known = EMAIL_PROBLEMS.find(({ pattern }) => pattern.test(lastError));
  if (known) return known.words;
  if (/^the /.test(lastError)) return lastError.replace(/\.$/, "");
  return "it could not be sent";
}

/** The first that matches names the problem. */
const EMAIL_PROBLEMS: readonly { readonly pattern: RegExp; readonly words: string }[] = [
  { pattern: /SMTP_URL is not set|MailNotConfigured/, words: "the app has no mail server set up to send it through" },
  { pattern: /^outgoing email |^unknown email kind/, words: "its saved contents could not be read" },
  { pattern: /workers stopped while sending/, words: "sending it stopped part-way too many times" },
  {
    pattern:
      /\b(?:ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ESOCKET|ETIMEOUT)\b|Greeting never received|Connection (?:closed|timeout)|timed out/i,
    words: "the mail server could not be reached",
  },
  { pattern: /^53[045]\b|\b5\.7\.[08]\b|Invalid login|authentication/i, words: "the mail server did not accept the app's sign-in" },
  {
    pattern: /^55[0-3]\b.*\b(?:recipient|mailbox|user|address|no such|does not exist)|\b5\.1\.[0-3]\b/i,
    words: "the mail server refused the buyer's address",
  },
  { pattern: /^4\d\d\b|\b4\.\d\.\d+\b/, words: "the mail server asked to try again later" },
  { pattern: /^5\d\d\b|\b5\.\d\.\d+\b/, words: "the mail server refused it" },
];
