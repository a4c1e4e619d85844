import { Text } from "@react-email/components";
import type { EmailContext } from "../email-context";
import { paragraph } from "./styles";

/** The greeting and the intro, one paragraph per line of it (staff write intros as plain text). */
export function IntroText({ context, intro }: { readonly context: EmailContext; readonly intro: string }) {
  const paragraphs = intro.split(/\r?\n/).filter((line) => line.trim() !== "");
  return (
    <>
      <Text style={paragraph}>{context.messages.greeting(context.document.buyer.name)}</Text>
      {paragraphs.map((line, index) => (
        <Text key={index} style={paragraph}>
          {line}
        </Text>
      ))}
    </>
  );
}
