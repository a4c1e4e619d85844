import { compilePaymentRules } from "../payment-rules/payment-rules-config";
import { PlanError } from "../plan-error";
import { compileEngineConfig } from "./engine-config";
import { compileJustOnConfig, JUSTON_KEYS } from "./juston-syntax";
import type { Plan } from "./plan";
import { PRESET_PLANS } from "./presets";

/**
 * Compiles any plan config a merchant can type or import: `{"preset": "<id>"}`, the engine's `{"stages": […]}`,
 * or the JustOn keys (`period`, `dateReference`, `rate`, `amount`, `titles`), each with an optional `paymentRules`
 * block (payment-rules/payment-rules-config.ts). Throws PlanError naming the key.
 */
export function compilePlanConfig(config: unknown): Plan {
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new PlanError("config", "a plan config must be a JSON object");
  }
  if (!("paymentRules" in config)) return compileStagesConfig(config);
  // The payment rules sit beside the stages in every syntax, so they are read here, once, for all of them.
  const { paymentRules, ...stages } = config as { paymentRules: unknown };
  return { ...compileStagesConfig(stages), paymentRules: compilePaymentRules(paymentRules, "paymentRules") };
}

function compileStagesConfig(config: object): Plan {
  const keys = Object.keys(config);
  if ("preset" in config) {
    const preset = PRESET_PLANS.find((candidate) => candidate.id === (config as { preset: unknown }).preset);
    if (!preset) {
      throw new PlanError("preset", `unknown preset; use one of ${PRESET_PLANS.map((p) => p.id).join(", ")}`);
    }
    if (keys.length > 1) throw new PlanError("preset", "a preset takes no other keys");
    return compileEngineConfig(preset.config);
  }
  const justOnKeys = keys.filter((key) => key !== "titles" && (JUSTON_KEYS as readonly string[]).includes(key));
  if ("stages" in config) {
    if (justOnKeys.length > 0) {
      throw new PlanError(justOnKeys[0] as string, 'use either "stages" or the JustOn keys (period, rate, …), not both');
    }
    return compileEngineConfig(config);
  }
  const unknown = keys.filter((key) => !(JUSTON_KEYS as readonly string[]).includes(key));
  if (unknown.length > 0) {
    throw new PlanError(unknown[0] as string, `unknown key; a plan config has "stages", "preset" or the JustOn keys ${JUSTON_KEYS.join(", ")}`);
  }
  return compileJustOnConfig(config);
}
