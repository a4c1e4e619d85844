import { describe, expect, it } from "vitest";
import { documentFormat } from "../../../app/documents/document-format";
import { documentMessagesFor } from "../../../app/documents/document-messages";
import { de } from "../../../app/documents/messages/de";
import { en } from "../../../app/documents/messages/en";
import { fr } from "../../../app/documents/messages/fr";
import { headingColor } from "../../../app/documents/pdf-document";
import { winAnsiText } from "../../../app/documents/win-ansi-text";
import type { CalendarDate } from "../../../app/domain/dates/calendar-date";
import { BRANDING } from "../../support/buyer-document-fixtures";

describe("winAnsiText: what Helvetica can write", () => {
  it.each([
    ["Latin-1 and WinAnsi's extras stay", "Müller · café € – “quoted” ‘x’ … ß Ærø", "Müller · café € – “quoted” ‘x’ … ß Ærø"],
    ["hostile markup is only text", `<script>alert("1")</script> & "x"`, `<script>alert("1")</script> & "x"`],
    ["a letter with a mark WinAnsi lacks loses the mark", "Dvořák, Wałęsa, Łódź", "Dvorák, Wa?esa, ?ódz"],
    ["other scripts and emoji become ?", "王小明 😀", "??? ?"],
    ["a decomposed accent is composed first", "e\u0301", "é"],
    ["ligatures and full-width letters decompose", "ﬁne ＡＢ", "fine AB"],
    ["narrow and figure no-break spaces stay no-break", "1\u202f200\u2007€", "1\u00a0200\u00a0€"],
    ["a minus sign becomes a hyphen", "\u22125", "-5"],
    ["control characters become spaces, line breaks stay", "a\tb\rc\nd", "a b c\nd"],
    ["direction marks go", "\u200f₪\u200e", "?"],
  ])("%s", (_case, text, shown) => {
    expect(winAnsiText(text)).toBe(shown);
  });
});

describe("documentFormat: money and dates as the PDFs write them", () => {
  const SEPTEMBER_30 = "2027-09-30" as CalendarDate;

  it.each([
    ["en-US", "USD", "-$1,234,567.89", "September 30, 2027"],
    ["de-DE", "JPY", "-123.456.789\u00a0¥", "30. September 2027"],
    ["fr-FR", "EUR", "-1\u00a0234\u00a0567,89\u00a0€", "30 septembre 2027"],
    ["en-IN", "INR", "-INR\u00a012,34,567.89", "30 September 2027"],
    ["pl-PL", "PLN", "-1\u00a0234\u00a0567,89\u00a0PLN", "30 września 2027"],
    ["ko-KR", "KRW", "-KRW\u00a0123,456,789", "September 30, 2027"],
    ["ar-EG", "EGP", "-EGP\u00a01,234,567.89", "September 30, 2027"],
    ["not a locale", "USD", "-$1,234,567.89", "September 30, 2027"],
  ])("%s, %s: %s, %s", (locale, currency, money, date) => {
    const format = documentFormat(locale, currency);
    expect(format.money(-123_456_789n)).toBe(money);
    expect(format.date(SEPTEMBER_30)).toBe(date);
  });
});

describe("document messages", () => {
  const shape = (messages: object): string[] =>
    Object.entries(messages).flatMap(([key, value]) =>
      typeof value === "object" ? shape(value as object).map((inner) => `${key}.${inner}`) : [`${key}:${typeof value}`],
    );

  it("German and French have every English key, of the same kind, and nothing else", () => {
    expect(shape(de)).toEqual(shape(en));
    expect(shape(fr)).toEqual(shape(en));
  });

  it("are chosen by the buyer's language, English for any other", () => {
    expect(documentMessagesFor("de-AT")).toBe(de);
    expect(documentMessagesFor("fr_CA")).toBe(fr);
    expect(documentMessagesFor("es-ES")).toBe(en);
    expect(documentMessagesFor("")).toBe(en);
  });
});

describe("headingColor", () => {
  it("is the brand's primary colour when it is #rrggbb, dark grey otherwise", () => {
    expect(headingColor(BRANDING)).toBe("#1f4e3d");
    expect(headingColor({ ...BRANDING, primaryColor: "red; evil" })).toBe("#333333");
  });
});
