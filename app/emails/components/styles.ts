import type { CSSProperties } from "react";
import { TEXT_COLOR } from "./colors";

/** Inline styles every template shares: email clients drop <style> blocks, so each element carries its own. */

export const FONT_FAMILY = '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';
/** #57606a on white: 6.4:1. */
export const MUTED_COLOR = "#57606a";
export const RULE_COLOR = "#d0d7de";

export const paragraph: CSSProperties = { color: TEXT_COLOR, fontSize: "15px", lineHeight: "24px", margin: "0 0 12px" };
export const muted: CSSProperties = { ...paragraph, color: MUTED_COLOR, fontSize: "13px", lineHeight: "20px" };
export const sectionHeading: CSSProperties = { color: TEXT_COLOR, fontSize: "18px", lineHeight: "26px", margin: "24px 0 8px" };
export const cell: CSSProperties = {
  color: TEXT_COLOR,
  fontSize: "14px",
  lineHeight: "20px",
  padding: "8px",
  borderBottom: `1px solid ${RULE_COLOR}`,
  textAlign: "left",
};
