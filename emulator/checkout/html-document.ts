/** The plain, accessible HTML shell of the emulator's buyer pages. */

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

export function htmlDocument(title: string, body: string): string {
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
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}
