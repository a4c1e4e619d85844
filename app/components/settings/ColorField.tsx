import { TextField } from "@shopify/polaris";

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

interface ColorFieldProps {
  readonly id?: string;
  readonly label: string;
  readonly name: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly onBlur?: () => void;
  readonly helpText?: string;
  readonly error?: string | undefined;
}

/** A #rrggbb colour as text, with a swatch of it once it is one (an unfinished value shows an empty swatch). */
export function ColorField({ id, label, name, value, onChange, onBlur, helpText, error }: ColorFieldProps) {
  const swatch = HEX_COLOR.test(value.trim()) ? value.trim() : "transparent";
  return (
    <TextField
      id={id}
      label={label}
      name={name}
      value={value}
      onChange={onChange}
      onBlur={onBlur}
      autoComplete="off"
      maxLength={7}
      placeholder="#rrggbb"
      prefix={
        <span
          aria-hidden
          style={{
            display: "inline-block",
            width: 20,
            height: 20,
            borderRadius: 4,
            background: swatch,
            border: "1px solid rgba(0, 0, 0, 0.2)",
            verticalAlign: "middle",
          }}
        />
      }
      helpText={helpText}
      error={error}
    />
  );
}
