import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";

import { openSecret, sealSecret, secretKeyFromEnv, SecretBoxError } from "../../../app/lib/secret-box.server";

const key = randomBytes(32);

describe("secret box (AES-256-GCM)", () => {
  it("opens what it sealed, and seals the same text differently each time", () => {
    const first = sealSecret("1A2B3C4D5E6F7A8B", key);
    const second = sealSecret("1A2B3C4D5E6F7A8B", key);
    expect(openSecret(first, key)).toBe("1A2B3C4D5E6F7A8B");
    expect(openSecret(second, key)).toBe("1A2B3C4D5E6F7A8B");
    expect(first).not.toBe(second);
    expect(first).not.toContain("1A2B3C4D5E6F7A8B");
  });

  it("refuses a sealed value with a changed byte", () => {
    const [version, nonce, tag, ciphertext] = sealSecret("license-key", key).split(".");
    const bytes = Buffer.from(ciphertext!, "base64url");
    bytes[0] = bytes[0]! ^ 1;
    expect(() => openSecret([version, nonce, tag, bytes.toString("base64url")].join("."), key)).toThrow(SecretBoxError);
    expect(() => openSecret("v1.abc", key)).toThrow("not in the sealed format");
  });

  it("refuses to open with another key", () => {
    expect(() => openSecret(sealSecret("license-key", key), randomBytes(32))).toThrow("sealed with another TRANCHE_SECRET_KEY");
  });

  it("takes TRANCHE_SECRET_KEY, falls back to the development key only outside production", () => {
    expect(secretKeyFromEnv({ TRANCHE_SECRET_KEY: key.toString("base64") })).toEqual(key);
    expect(() => secretKeyFromEnv({ TRANCHE_SECRET_KEY: randomBytes(16).toString("base64") })).toThrow("must be 32 bytes");
    expect(secretKeyFromEnv({ NODE_ENV: "test" })).toHaveLength(32);
    expect(() => secretKeyFromEnv({ NODE_ENV: "production" })).toThrow("TRANCHE_SECRET_KEY is not set");
  });
});
