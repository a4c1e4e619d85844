import { afterEach, describe, expect, it } from "vitest";

import { refuseCrossSiteRequest } from "../../../app/request-origin.server";

const APP = "https://tranche.example.com";

function statusOf(request: Request, tokenAuthenticated = true): number {
  try {
    refuseCrossSiteRequest(request, { tokenAuthenticated });
    return 0;
  } catch (thrown) {
    return (thrown as Response).status;
  }
}

const post = (headers: Record<string, string>, url = `${APP}/app/attach`) => new Request(url, { method: "POST", headers });

describe("refuseCrossSiteRequest", () => {
  afterEach(() => {
    delete process.env.SHOPIFY_APP_URL;
  });

  it("lets reads through from anywhere, and a POST from the app's own origin", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"])
      expect(statusOf(new Request(`${APP}/app`, { method, headers: { Origin: "https://evil.example" } }))).toBe(0);
    expect(statusOf(post({ Origin: APP }))).toBe(0);
    expect(statusOf(post({ "Sec-Fetch-Site": "same-origin", Referer: `${APP}/app` }))).toBe(0);
    // A client that is no browser says nothing of where it came from.
    expect(statusOf(post({}))).toBe(0);
  });

  it("refuses (403) a POST, PUT, PATCH or DELETE another site sent: by Origin, else Sec-Fetch-Site or Referer", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(statusOf(new Request(`${APP}/app/settings`, { method, headers: { Origin: "https://evil.example" } })), method).toBe(403);
    }
    expect(statusOf(post({ Origin: "null" }))).toBe(403);
    expect(statusOf(post({ Origin: "https://tranche.example.com.evil.example" }))).toBe(403);
    expect(statusOf(post({ "Sec-Fetch-Site": "cross-site" }))).toBe(403);
    expect(statusOf(post({ "Sec-Fetch-Site": "same-site" }))).toBe(403);
    expect(statusOf(post({ Referer: "https://evil.example/form" }))).toBe(403);
    expect(statusOf(post({ Referer: "not a url" }))).toBe(403);
  });

  it("takes SHOPIFY_APP_URL's origin as the app's own too (behind a proxy the request's own address differs)", () => {
    process.env.SHOPIFY_APP_URL = APP;
    expect(statusOf(post({ Origin: APP }, "http://10.0.0.5:3000/app/attach"))).toBe(0);
    process.env.SHOPIFY_APP_URL = "not a url";
    expect(statusOf(post({ Origin: "null" }))).toBe(403);
    expect(statusOf(post({ Origin: "https://evil.example" }, "http://10.0.0.5:3000/app/attach"))).toBe(403);
  });

  it("lets a Bearer session token carry a cross-origin POST where tokens are verified (admin extensions), never in local mode", () => {
    const extension = { Origin: "https://extensions.shopifycdn.com", Authorization: "Bearer eyJ.token.sig" };
    expect(statusOf(post(extension), true)).toBe(0);
    expect(statusOf(post(extension), false)).toBe(403);
    expect(statusOf(post({ Origin: "https://evil.example", Authorization: "Bearer " }), true)).toBe(403);
  });
});
