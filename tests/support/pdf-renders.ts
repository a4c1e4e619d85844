import { execFile } from "node:child_process";
import { mkdir, readdir, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

/** Where the document tests save each PDF and its pages as PNGs (pdftoppm, poppler-utils), to look at; gitignored. */
export const RENDERS_DIR = fileURLToPath(new URL("../documents/renders", import.meta.url));

export interface SavedRender {
  readonly pdfPath: string;
  /** One per page, in page order, each with its size in bytes. */
  readonly pngs: readonly { readonly path: string; readonly bytes: number }[];
}

/** Saves `<name>.pdf` and renders `<name>-<page>.png` at 60 dpi, replacing an earlier run's files of that name. */
export async function savePdfWithRenders(name: string, pdf: Uint8Array): Promise<SavedRender> {
  await mkdir(RENDERS_DIR, { recursive: true });
  const isOwnPng = (file: string) => new RegExp(`^${name}-\\d+\\.png$`).test(file);
  const earlier = (await readdir(RENDERS_DIR)).filter(isOwnPng);
  await Promise.all(earlier.map((file) => rm(join(RENDERS_DIR, file))));

  const pdfPath = join(RENDERS_DIR, `${name}.pdf`);
  await writeFile(pdfPath, pdf);
  await promisify(execFile)("pdftoppm", ["-png", "-r", "60", pdfPath, join(RENDERS_DIR, name)]);
  // pdftoppm pads page numbers to the page count's digits (-01 from ten pages on): order by the number.
  const pageOf = (file: string) => Number(/-(\d+)\.png$/.exec(file)?.[1]);
  const files = (await readdir(RENDERS_DIR)).filter(isOwnPng).sort((a, b) => pageOf(a) - pageOf(b));
  const pngs = await Promise.all(files.map(async (file) => ({ path: join(RENDERS_DIR, file), bytes: (await stat(join(RENDERS_DIR, file))).size })));
  return { pdfPath, pngs };
}
