/**
 * A link target for an email: only http(s) URLs (the local emulator's checkout is http://localhost), so a stored
 * javascript: or data: URL never becomes a link. Null when the URL is missing or refused.
 */
export function linkableUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const protocol = new URL(url).protocol;
    return protocol === "https:" || protocol === "http:" ? url : null;
  } catch {
    return null;
  }
}
