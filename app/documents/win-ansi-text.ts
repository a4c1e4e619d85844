/**
 * The PDFs use the standard Helvetica, which writes WinAnsi (Latin-1 and a few more: € – “ ” …) and nothing else:
 * pdfkit would write any other character as a broken code. Every text drawn goes through `winAnsiText` first.
 */

/** Characters WinAnsi has outside Latin-1's printable ranges. */
const WIN_ANSI_EXTRAS = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");
const NO_BREAK_SPACES = new Set("\u202f\u2007");
const UNSHOWN = "?";

export function isWinAnsi(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || character === "\n" || WIN_ANSI_EXTRAS.has(character);
}

/**
 * The text as Helvetica can show it: no-break spaces stay no-break (French "1 200,00 €"), a letter with a mark WinAnsi
 * lacks loses the mark (ő → o), a minus sign becomes a hyphen, control characters spaces, invisible format characters
 * (direction marks) go, anything else is "?".
 */
export function winAnsiText(text: string): string {
  let shown = "";
  for (const character of text.normalize("NFC")) {
    if (isWinAnsi(character)) shown += character;
    else if (NO_BREAK_SPACES.has(character)) shown += "\u00a0";
    else if (character === "\u2212") shown += "-";
    else if (/\p{Cc}/u.test(character)) shown += " ";
    else if (!/\p{Cf}/u.test(character)) shown += lettersWithoutMarks(character) ?? UNSHOWN;
  }
  return shown;
}

/** The compatibility decomposition without combining marks, when all of it is WinAnsi: ź → z, ﬁ → fi. */
function lettersWithoutMarks(character: string): string | undefined {
  const base = character.normalize("NFKD").replace(/\p{M}/gu, "");
  return base !== "" && [...base].every(isWinAnsi) ? base : undefined;
}
