import { BlockStack, Button, InlineError } from "@shopify/polaris";
import { useState } from "react";

interface InvoicePdfButtonProps {
  /** The admin's PDF route (app/routes/app.contracts.$id.invoices.$position[.]pdf.tsx). */
  readonly url: string;
  readonly invoiceNumber: string;
}

/**
 * Downloads a stage's invoice PDF. It is fetched rather than linked: inside Shopify's admin only the app's own fetches
 * carry the session token (App Bridge adds it), and a plain link would arrive unauthenticated.
 */
export function InvoicePdfButton({ url, invoiceNumber }: InvoicePdfButtonProps) {
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const errorId = `invoice-pdf-${invoiceNumber}`;

  const download = async () => {
    setLoading(true);
    setProblem(null);
    try {
      const response = await fetch(url);
      if (!response.ok) {
        setProblem((await response.text()) || `The invoice could not be made (${response.status}).`);
        return;
      }
      const file = URL.createObjectURL(await response.blob());
      const anchor = document.createElement("a");
      anchor.href = file;
      anchor.download = `${invoiceNumber}.pdf`;
      anchor.click();
      // The browser reads the file after the click returns: free it once it surely has.
      window.setTimeout(() => URL.revokeObjectURL(file), 60_000);
    } catch {
      setProblem("The invoice could not be downloaded: check the connection and try again.");
    } finally {
      setLoading(false);
    }
  };

  return (
    <BlockStack gap="100" inlineAlign="start">
      <Button variant="plain" onClick={download} loading={loading} accessibilityLabel={`Download PDF of invoice ${invoiceNumber}`}>
        Download PDF
      </Button>
      {problem ? <InlineError message={problem} fieldID={errorId} /> : null}
    </BlockStack>
  );
}
