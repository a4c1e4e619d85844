import { SaveBar } from "@shopify/app-bridge-react";
import { Box, Button, InlineStack, Text } from "@shopify/polaris";

import { LeaveWarning } from "./LeaveWarning";
import { useAnyUnsavedForm, useHoldsLeaveWarning, useRegisterUnsavedForm } from "./unsaved-forms";
import { useEmbeddedAdmin } from "./use-embedded-admin";

interface UnsavedChangesBarProps {
  /** Unique on the page: App Bridge shows save bars by id. */
  readonly id: string;
  /** The form differs from what was saved. */
  readonly dirty: boolean;
  readonly saving: boolean;
  readonly onSave: () => void;
  readonly onDiscard: () => void;
  /** What is unsaved, in local mode's bar: "Unsaved changes to the branding". */
  readonly message?: string;
}

/**
 * Says a form has unsaved changes, with Save and Discard, and warns before leaving the page. In Shopify's admin it is
 * App Bridge's save bar (Polaris' ContextualSaveBar needs a Frame, which an embedded app has not); in local mode,
 * where App Bridge is absent, a bar of the app's own that stays at the top while the form is on screen.
 */
export function UnsavedChangesBar({ id, dirty, saving, onSave, onDiscard, message = "Unsaved changes" }: UnsavedChangesBarProps) {
  const embedded = useEmbeddedAdmin();
  useRegisterUnsavedForm(id, dirty);
  const anyUnsaved = useAnyUnsavedForm();
  const holdsLeaveWarning = useHoldsLeaveWarning(id);
  const leaveWarning = holdsLeaveWarning ? <LeaveWarning dirty={anyUnsaved} embedded={embedded} /> : null;

  if (embedded) {
    return (
      <>
        <SaveBar id={id} open={dirty}>
          {/* eslint-disable-next-line react/no-unknown-property -- App Bridge reads ui-save-bar's buttons by this attribute */}
          <button variant="primary" onClick={onSave} loading={saving ? "" : undefined} disabled={saving}></button>
          <button onClick={onDiscard} disabled={saving}></button>
        </SaveBar>
        {leaveWarning}
      </>
    );
  }
  return (
    <>
      {dirty ? (
        <div style={{ position: "sticky", top: 0, zIndex: 400 }} role="region" aria-label={message}>
          <Box background="bg-surface-secondary" borderColor="border" borderWidth="025" borderRadius="200" padding="300" shadow="300">
            <InlineStack align="space-between" blockAlign="center" gap="200">
              <Text as="p" fontWeight="semibold">
                {message}
              </Text>
              <InlineStack gap="200">
                <Button onClick={onDiscard} disabled={saving}>
                  Discard
                </Button>
                <Button variant="primary" onClick={onSave} loading={saving}>
                  Save
                </Button>
              </InlineStack>
            </InlineStack>
          </Box>
        </div>
      ) : null}
      {leaveWarning}
    </>
  );
}
