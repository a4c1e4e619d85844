import { describe, expect, it } from "vitest";
import { brandColors, contrastRatio, textColorOn } from "../../../app/emails/components/colors";
import { BRANDING } from "../../support/buyer-document-fixtures";

describe("brand colors", () => {
  it.each([
    ["#1f4e3d", "#ffffff"],
    ["#000000", "#ffffff"],
    ["#c9a227", "#000000"],
    ["#ffeb3b", "#000000"],
    ["#0057b8", "#ffffff"],
  ])("text on %s is %s", (background, text) => {
    expect(textColorOn(background)).toBe(text);
    expect(contrastRatio(background, text)).toBeGreaterThanOrEqual(4.5);
  });

  it("keeps a dark primary color for headings and swaps a light one for the text color", () => {
    expect(brandColors(BRANDING).heading).toBe("#1f4e3d");
    expect(brandColors({ ...BRANDING, primaryColor: "#FFEB3B" })).toMatchObject({ primary: "#ffeb3b", onPrimary: "#000000", heading: "#1f2328" });
  });

  it("falls back when a color is not #rrggbb", () => {
    expect(brandColors({ ...BRANDING, primaryColor: "red", accentColor: "#12345" })).toEqual({
      primary: "#1f2328",
      onPrimary: "#ffffff",
      heading: "#1f2328",
      accent: "#1f2328",
    });
  });
});
