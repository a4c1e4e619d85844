import { advanceClock, type ClockAdvanceRequest } from "../http/clock-advance";
import { html, type Route, type RouteResponse } from "../http/router";
import type { EmulatorStore } from "../state/emulator-store";
import type { WebhookDispatcher } from "../webhooks/webhook-dispatcher";
import { controlPage } from "./control-page";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const WHOLE_DAYS = /^[1-9]\d{0,3}$/;

/**
 * The control page and its clock form: GET /_emulator shows the page; POST /_emulator/clock (form fields
 * `days`, or `date` as YYYY-MM-DD) moves the clock and redirects back (303), or shows the page with the error.
 */
export function controlRoutes(store: EmulatorStore, webhooks: WebhookDispatcher, smtpUrl: string | undefined): Route[] {
  const page = (status: number, message: { notice?: string; error?: string }): RouteResponse =>
    html(status, controlPage({ store, webhookEvents: webhooks.events, smtpUrl, ...message }));
  return [
    {
      method: "GET",
      path: "/_emulator",
      handler: ({ url }) => page(200, { ...noticeOf(url.searchParams.get("moved")) }),
    },
    {
      method: "POST",
      path: "/_emulator/clock",
      handler: ({ body }) => {
        const form = new URLSearchParams(body);
        const request = clockRequestFrom(form);
        if (!request) return page(400, { error: "Choose a number of days or a date to move the clock to." });
        const result = advanceClock(store.clock, request.advance);
        if (!result.ok) return page(400, { error: `The clock did not move: ${result.error}.` });
        return { status: 303, headers: { location: `/_emulator?moved=${encodeURIComponent(request.moved)}` }, body: "" };
      },
    },
  ];
}

/** `moved` is what the redirect tells the page: a number of days or a date. */
function clockRequestFrom(form: URLSearchParams): { advance: ClockAdvanceRequest; moved: string } | undefined {
  const days = form.get("days");
  if (days !== null && WHOLE_DAYS.test(days)) return { advance: { days: Number(days) }, moved: days };
  const date = form.get("date");
  // Noon UTC falls on the same calendar date from UTC−11 to UTC+11, so every demo shop sees the chosen date.
  if (date !== null && DATE.test(date)) return { advance: { to: `${date}T12:00:00.000Z` }, moved: date };
  return undefined;
}

function noticeOf(moved: string | null): { notice?: string } {
  if (moved !== null && WHOLE_DAYS.test(moved)) return { notice: `The clock moved forward ${moved} ${moved === "1" ? "day" : "days"}.` };
  if (moved !== null && DATE.test(moved)) return { notice: `The clock moved to ${moved}, 12:00 UTC.` };
  return {};
}
