import { describe, expect, it } from "vitest";

import {
  avaTaxFormDirty,
  avaTaxFormValues,
  environmentChoiceOf,
  environmentOptions,
  type AvaTaxSettingsValues,
} from "../../../app/components/settings/avatax-fields";
import { avaTaxEnvironmentProblem, localServerProblem } from "../../../app/services/avatax/avatax-environment";

const stored: AvaTaxSettingsValues = {
  enabled: true,
  environment: "production",
  accountId: "1100000001",
  licenseKeySet: true,
  companyCode: "ACME",
  taxMode: "compute",
  commitOnInvoice: false,
  origin: { line1: null, city: "Seattle", region: "WA", postalCode: "98101", country: "US" },
};

describe("where AvaTax credentials may go", () => {
  it.each([
    // environment, local mode, refused because
    ["sandbox", false, null],
    ["production", false, null],
    ["https://rest.avatax.com", false, "must be sandbox or production"],
    ["http://127.0.0.1:4010", false, "must be sandbox or production"],
    ["http://127.0.0.1:4010", true, null],
    ["http://localhost:4010/", true, null],
    ["https://avatax.attacker.example", true, "not avatax.attacker.example"],
    ["ftp://127.0.0.1", true, "must be an http:// or https:// address"],
    ["http://1100000001:KEY@127.0.0.1:4010", true, "must not carry a user name or password"],
    ["not a url", true, "must be sandbox, production, or the address of the local AvaTax server"],
  ])("%s in local mode %s: %s", (environment, localMode, refusal) => {
    const problem = avaTaxEnvironmentProblem(environment, localMode);
    if (refusal === null) expect(problem).toBeNull();
    else expect(problem).toContain(refusal);
  });

  it("never names what a stored address carries besides its host", () => {
    expect(localServerProblem("https://user:SECRET@avatax.attacker.example/path")).not.toContain("SECRET");
  });
});

describe("the AvaTax card's form", () => {
  it("starts from what is stored, with the license key empty, or from a sandbox connection", () => {
    expect(avaTaxFormValues(stored)).toMatchObject({ environment: "production", licenseKey: "", taxMode: "compute", commitOnInvoice: false, originLine1: "" });
    expect(avaTaxFormValues(null)).toMatchObject({ enabled: false, environment: "sandbox", companyCode: "DEFAULT", originCountry: "US" });
  });

  it("is unsaved once any field, the license key included, differs from what it started from, and saved again when changed back", () => {
    const saved = avaTaxFormValues(stored);
    expect(avaTaxFormDirty(saved, saved)).toBe(false);
    expect(avaTaxFormDirty({ ...saved, licenseKey: "NEWKEY" }, saved)).toBe(true);
    expect(avaTaxFormDirty({ ...saved, environment: "sandbox" }, saved)).toBe(true);
    expect(avaTaxFormDirty({ ...saved, commitOnInvoice: true }, saved)).toBe(true);
    expect(avaTaxFormDirty({ ...saved, originCity: "Seattle" }, saved)).toBe(false);
  });

  it("offers a custom server only in local mode, or when one is stored so that staff see it", () => {
    const values = (options: ReturnType<typeof environmentOptions>) => options.map((option) => option.value);
    expect(values(environmentOptions(false, "sandbox"))).toEqual(["sandbox", "production"]);
    expect(values(environmentOptions(true, "sandbox"))).toEqual(["sandbox", "production", "custom"]);
    expect(values(environmentOptions(false, "https://elsewhere.example"))).toEqual(["sandbox", "production", "custom"]);
    expect([environmentChoiceOf("production"), environmentChoiceOf("http://127.0.0.1:4010"), environmentChoiceOf("")]).toEqual([
      "production",
      "custom",
      "custom",
    ]);
  });
});
