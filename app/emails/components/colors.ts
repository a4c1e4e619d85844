import type { Branding } from "../../domain/documents/buyer-document";

/**
 * Brand colors come from a settings form: anything but #rrggbb falls back, so no text typed there reaches a style
 * attribute. Text colors are picked by WCAG contrast, so a light brand color never makes text unreadable.
 */

const HEX_COLOR = /^#[0-9a-f]{6}$/i;
const WHITE = "#ffffff";
const BLACK = "#000000";
export const TEXT_COLOR = "#1f2328";
/** WCAG AA for normal text. */
const READABLE_CONTRAST = 4.5;

/** The shop's colors as an email uses them. */
export interface BrandColors {
  /** Table heads and buttons. */
  readonly primary: string;
  /** Text on `primary`. */
  readonly onPrimary: string;
  /** Headings on white: the primary color, or the text color when it is too light to read. */
  readonly heading: string;
  /** The mark beside the stage an email is about. */
  readonly accent: string;
}

export function brandColors(branding: Branding): BrandColors {
  const primary = brandColor(branding.primaryColor, TEXT_COLOR);
  return { primary, onPrimary: textColorOn(primary), heading: readableOnWhite(primary), accent: brandColor(branding.accentColor, primary) };
}

function brandColor(color: string, fallback: string): string {
  return HEX_COLOR.test(color) ? color.toLowerCase() : fallback;
}

/** White or black, whichever reads better on the background (a button, a table head). */
export function textColorOn(background: string): string {
  return contrastRatio(background, WHITE) >= contrastRatio(background, BLACK) ? WHITE : BLACK;
}

/** The brand color for text on white when it is dark enough to read, else the body text color. */
function readableOnWhite(color: string): string {
  return contrastRatio(color, WHITE) >= READABLE_CONTRAST ? color : TEXT_COLOR;
}

export function contrastRatio(first: string, second: string): number {
  const [lighter, darker] = [relativeLuminance(first), relativeLuminance(second)].sort((a, b) => b - a) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

function relativeLuminance(hex: string): number {
  const [red, green, blue] = [1, 3, 5].map((start) => linearChannel(parseInt(hex.slice(start, start + 2), 16) / 255)) as [number, number, number];
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
}

function linearChannel(value: number): number {
  return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
}
