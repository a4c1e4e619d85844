import { Banner, type BannerHandles } from "@shopify/polaris";
import { useEffect, useRef } from "react";

import { useShopFormat } from "../shop-format-context";
import { asSentence, firstProblemPerField, fixSummaryTitle, type FieldProblem } from "./field-problems";
import { focusField } from "./focus-field";

interface ErrorSummaryBannerProps {
  readonly problems: readonly FieldProblem[];
  /** Counts the failed submits: each one brings the banner into view and focus, so a screen reader reads it. */
  readonly attempt: number;
}

/** The top of a page after a failed submit: "2 fields need a fix", each a link to its field. Nothing when all is well. */
export function ErrorSummaryBanner({ problems, attempt }: ErrorSummaryBannerProps) {
  const { count } = useShopFormat();
  const banner = useRef<BannerHandles>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const lines = firstProblemPerField(problems);
  const shown = lines.length > 0;

  useEffect(() => {
    if (attempt === 0 || !shown) return;
    wrapper.current?.scrollIntoView({ block: "start", behavior: "smooth" });
    banner.current?.focus();
  }, [attempt, shown]);

  if (!shown) return null;
  return (
    <div ref={wrapper} data-error-summary>
      <Banner ref={banner} tone="critical" title={fixSummaryTitle(lines.length, count)}>
        <ul style={{ margin: 0, paddingInlineStart: "1.25rem" }}>
          {lines.map((problem) => (
            <li key={problem.fieldId}>
              <a
                className="Polaris-Link"
                href={`#${problem.fieldId}`}
                onClick={(event) => {
                  event.preventDefault();
                  focusField(problem.fieldId);
                }}
              >
                {problem.label}
              </a>
              : {asSentence(problem.message)}
            </li>
          ))}
        </ul>
      </Banner>
    </div>
  );
}
