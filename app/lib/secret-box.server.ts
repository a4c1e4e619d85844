import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * Seals small secrets (an AvaTax license key) for storage with AES-256-GCM: a fresh 12-byte nonce per seal, and
 * the authentication tag, so that a changed byte or the wrong key fails to open rather than giving garbage.
 * A sealed value is `v1.<nonce>.<tag>.<ciphertext>`, each part base64url.
 */

const VERSION = "v1";
const ALGORITHM = "aes-256-gcm";
const KEY_BYTES = 32;
const NONCE_BYTES = 12;

/**
 * The key for development, tests and the local demo only (NODE_ENV unset, development or test, or local mode): it
 * is public, so anything it sealed is not secret. Production must set TRANCHE_SECRET_KEY.
 */
const DEVELOPMENT_KEY = Buffer.from("tranche-local-development-key-32", "utf8");

/** A sealed value that cannot be opened: changed, truncated, or sealed with another key. */
export class SecretBoxError extends Error {
  override readonly name = "SecretBoxError";
}

/** TRANCHE_SECRET_KEY (32 bytes, base64), or the development key where the environment allows it. */
export function secretKeyFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): Buffer {
  const configured = env.TRANCHE_SECRET_KEY;
  if (configured) {
    const key = Buffer.from(configured, "base64");
    if (key.length !== KEY_BYTES) throw new SecretBoxError(`TRANCHE_SECRET_KEY must be ${KEY_BYTES} bytes in base64; it decodes to ${key.length}`);
    return key;
  }
  const development = env.TRANCHE_LOCAL_MODE === "1" || env.NODE_ENV === undefined || env.NODE_ENV === "development" || env.NODE_ENV === "test";
  if (!development) throw new SecretBoxError("TRANCHE_SECRET_KEY is not set: credentials cannot be stored or read without it");
  return DEVELOPMENT_KEY;
}

export function sealSecret(plain: string, key: Buffer = secretKeyFromEnv()): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, nonce);
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, nonce, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

export function openSecret(sealed: string, key: Buffer = secretKeyFromEnv()): string {
  const [version, nonce, tag, ciphertext, ...rest] = sealed.split(".");
  if (version !== VERSION || nonce === undefined || tag === undefined || ciphertext === undefined || rest.length > 0) {
    throw new SecretBoxError("the stored secret is not in the sealed format");
  }
  try {
    const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(nonce, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    // Node's message says only "Unsupported state or unable to authenticate data".
    throw new SecretBoxError("the stored secret cannot be opened: it was changed, or sealed with another TRANCHE_SECRET_KEY");
  }
}
