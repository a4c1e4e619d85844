import { Column, Row, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import { MUTED_COLOR, paragraph } from "./styles";

export interface Fact {
  readonly label: string;
  readonly value: ReactNode;
}

/** Label and value pairs ("Amount  $11,384.70"), one row each, values aligned right (one line each in plain text). */
export function FactRows({ facts }: { readonly facts: readonly Fact[] }) {
  return (
    <Section style={{ margin: "8px 0 16px" }}>
      {facts.map((fact, index) => (
        <Row key={index} data-text-format="dataTable">
          <Column>
            <Text style={{ ...paragraph, color: MUTED_COLOR, margin: "2px 0" }}>{fact.label}</Text>
          </Column>
          <Column align="right">
            <Text style={{ ...paragraph, margin: "2px 0", textAlign: "right" }}>{fact.value}</Text>
          </Column>
        </Row>
      ))}
    </Section>
  );
}
