import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { getDocument, VerbosityLevel } from "pdfjs-dist/legacy/build/pdf.mjs";

/** What a PDF says, read back with pdfjs: each page's text and the document's metadata. */
export interface PdfContent {
  /** Each page's text items joined by single spaces, every run of white space (no-break spaces too) one space. */
  readonly pages: readonly string[];
  readonly info: Readonly<Record<string, unknown>>;
}

/** pdfjs measures the standard fonts (Helvetica) from its own files; without them it warns on every page. */
const STANDARD_FONTS = join(dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json")), "standard_fonts/");

export async function readPdf(data: Uint8Array): Promise<PdfContent> {
  // pdfjs takes the buffer over (detaches it): give it a copy. (pdfjs 6 dropped the isEvalSupported option.)
  const loading = getDocument({
    data: data.slice(),
    useSystemFonts: false,
    standardFontDataUrl: STANDARD_FONTS,
    verbosity: VerbosityLevel.ERRORS,
  });
  try {
    const pdf = await loading.promise;
    const pages: string[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const content = await (await pdf.getPage(number)).getTextContent();
      pages.push(oneSpaced(content.items.map((item) => ("str" in item ? item.str : "")).join(" ")));
    }
    const { info } = await pdf.getMetadata();
    return { pages, info: info as Record<string, unknown> };
  } finally {
    await loading.destroy();
  }
}

/** Text as `readPdf` gives it: "1 200,00 €" with a narrow no-break space reads "1 200,00 €". */
export function oneSpaced(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
