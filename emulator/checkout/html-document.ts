/** The plain, accessible HTML shell of the emulator's pages: the buyer's checkout and the control page. */

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** `wide` fits tables of several columns (the control page); a buyer's page stays a narrow column. */
export function htmlDocument(title: string, body: string, options: { readonly wide?: boolean } = {}): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1a1a1a; }
table { width: 100%; border-collapse: collapse; }
th, td { padding: 0.25rem 0.5rem; border-bottom: 1px solid #ccc; text-align: left; }
td.amount, th.amount { text-align: right; }
fieldset { margin: 1rem 0; }
button { font-size: 1.1rem; padding: 0.5rem 1.5rem; }
.error { color: #a40000; }
body.wide { max-width: 72rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
</style>
</head>
<body${options.wide ? ' class="wide"' : ""}>
<main>
${body}
</main>
</body>
</html>`;
}
