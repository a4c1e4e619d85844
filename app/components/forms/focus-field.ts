/** Brings a field into view and puts the cursor in it (or on its group, made focusable for the moment). */
export function focusField(fieldId: string): void {
  const element = document.getElementById(fieldId);
  if (!element) return;
  element.scrollIntoView({ block: "center", behavior: "smooth" });
  if (element.tabIndex < 0 && !/^(INPUT|SELECT|TEXTAREA|BUTTON|A)$/.test(element.tagName)) element.tabIndex = -1;
  element.focus({ preventScroll: true });
}
