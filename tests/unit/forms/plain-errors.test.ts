import { describe, expect, it } from "vitest";
import { z, ZodError } from "zod";

import { formFieldErrorsOf, refusalMessage } from "../../../app/services/action-errors";
import { issueSentence, issueWords, plainZodText } from "../../../app/locale/zod-issue-words";

/** The issues a schema finds in `input`. */
function issuesOf(schema: z.ZodTypeAny, input: unknown) {
  const result = schema.safeParse(input);
  if (result.success) throw new Error("expected the input to be refused");
  return result.error;
}

const ZOD_DEFAULTS = /Expected|received|character\(s\)|element\(s\)|Invalid|Required|nan/;

describe("zod's default messages become words for the field", () => {
  it.each([
    ["a number field given text", z.number(), Number("ten"), "Type a number, like 3"],
    ["a whole number given a fraction", z.number().int(), 1.5, "Type a whole number, like 3"],
    ["an empty text", z.string().min(1), "", "Fill this in"],
    ["a missing field", z.string(), undefined, "Fill this in"],
    ["a text too long", z.string().max(40), "x".repeat(41), "Keep it to 40 characters or fewer"],
    ["a number too small", z.number().min(1), 0, "Type 1 or more"],
    ["a number too large", z.number().max(365), 400, "Type 365 or less"],
    ["an email", z.string().email(), "nobody", "Type an email address, like name@example.com"],
    ["an option", z.enum(["auto", "native"]), "yaml", "Choose one of the options"],
    ["an empty list", z.array(z.number()).min(1), [], "Add at least one"],
  ])("%s", (_name, schema, input, words) => {
    const [issue] = issuesOf(schema, input).issues;
    expect(issueWords(issue!)).toBe(words);
  });

  it("keeps a message the schema wrote for people", () => {
    const [issue] = issuesOf(z.string().min(1, "Give the plan a name"), "").issues;
    expect(issueWords(issue!)).toBe("Give the plan a name");
    expect(issueSentence(issue!)).toBe("Give the plan a name");
  });

  it("names the field away from it, never by its path", () => {
    const error = issuesOf(z.object({ remindBeforeDays: z.array(z.number()) }), { remindBeforeDays: [Number("x")] });
    expect(issueSentence(error.issues[0]!)).toBe("Remind before days: type a number, like 3");
    expect(issueSentence(error.issues[0]!, { remindBeforeDays: "Reminder days before the due date" })).toBe(
      "Reminder days before the due date: type a number, like 3",
    );
  });

  it("reads zod's defaults that travelled as text in an engine error", () => {
    expect(plainZodText("String must contain at least 1 character(s)")).toBe("Fill this in");
    expect(plainZodText("Expected number, received nan")).toBe("Type a number, like 3");
    expect(plainZodText("Number must be less than or equal to 31")).toBe("Type 31 or less");
    expect(plainZodText('"2x" is not a percentage')).toBe('"2x" is not a percentage');
  });
});

describe("refusalMessage and formFieldErrorsOf", () => {
  const settings = z.object({
    remindBeforeDays: z.array(z.number().int()),
    sellerName: z.string().min(1),
    reason: z.string().min(1, "Say why the schedule changes"),
  });
  const error = issuesOf(settings, { remindBeforeDays: [Number("x")], sellerName: "", reason: "" });

  it("never prints a zod path or a default message", () => {
    const message = refusalMessage(error);
    expect(message).toBe("Remind before days: type a number, like 3; Seller name: fill this in; Say why the schedule changes");
    expect(message).not.toMatch(ZOD_DEFAULTS);
    expect(message).not.toMatch(/\.\d|\w\.\w/);
  });

  it("names fields by the labels it is given, and says each thing once", () => {
    const twice = new ZodError([...error.issues, ...error.issues]);
    expect(refusalMessage(twice, { remindBeforeDays: "Reminder days before", sellerName: "Seller name" })).toBe(
      "Reminder days before: type a number, like 3; Seller name: fill this in; Say why the schedule changes",
    );
  });

  it("puts each field's first issue beside it, in words", () => {
    expect(formFieldErrorsOf(error)).toEqual({
      remindBeforeDays: "Type a number, like 3",
      sellerName: "Fill this in",
      reason: "Say why the schedule changes",
    });
  });

  it("keeps its other behaviour: our refusals say what to do, anything else is rethrown", () => {
    expect(() => refusalMessage(new Error("a bug"))).toThrow("a bug");
  });
});
