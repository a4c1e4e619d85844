import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";

import { login } from "../shopify.server";

export const meta: MetaFunction = () => [{ title: "Tranche — staged payments for Shopify draft orders" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);

  // Shopify opens the app URL with ?shop=…; send the merchant into the embedded app.
  if (url.searchParams.get("shop")) {
    throw redirect(`/app?${url.searchParams.toString()}`);
  }

  return { showForm: Boolean(login) };
};

export default function Landing() {
  const { showForm } = useLoaderData<typeof loader>();

  return (
    <main style={{ maxWidth: "40rem", margin: "4rem auto", padding: "0 1rem", fontFamily: "Inter, sans-serif" }}>
      <h1>Tranche</h1>
      <p>
        Deposits, milestone payments and installment plans for Shopify draft orders: staff attach a plan to a quote, buyers pay it stage by stage, and the app
        keeps an exact ledger of what is paid and what is due.
      </p>
      {showForm && (
        <Form method="post" action="/auth/login">
          <label>
            Shop domain <input type="text" name="shop" placeholder="my-shop.myshopify.com" />
          </label>{" "}
          <button type="submit">Log in</button>
        </Form>
      )}
    </main>
  );
}
