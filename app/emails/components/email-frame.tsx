import type { ReactNode } from "react";
import type { EmailContext } from "../email-context";
import { BrandedLayout } from "./branded-layout";
import { IntroText } from "./intro-text";

/** The branded layout with a heading, then the greeting and the intro every email opens with. */
export function EmailFrame({
  context,
  subject,
  intro,
  heading,
  children,
}: {
  readonly context: EmailContext;
  readonly subject: string;
  readonly intro: string;
  readonly heading: string;
  readonly children: ReactNode;
}) {
  return (
    <BrandedLayout context={context} subject={subject} preview={intro} heading={heading}>
      <IntroText context={context} intro={intro} />
      {children}
    </BrandedLayout>
  );
}
