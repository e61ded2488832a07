// A certificate's `alarm` settings: defaults, then the environment, then the
// certificate, merged key by key (a list such as `emails` is replaced, not joined).
import { uniqueAddresses } from "../domains/aws-names";
import type { KeyPath } from "./issues";
import {
  AlarmConfig,
  DEFAULT_DAYS_BEFORE_EXPIRY,
  DEFAULT_KMS_KEY,
  type KmsKeySetting,
} from "./alarm-schema";
import type { CertkitConfig } from "./schema";

export interface ResolvedAlarm {
  /** false: no alarm and no event routing for the certificate. */
  readonly enabled: boolean;
  readonly daysBeforeExpiry: number;
  /** Without repeats (compared ignoring case), in config order. */
  readonly emails: string[];
  /** An existing topic to notify instead of the environment's own. */
  readonly topicArn?: string;
  /** How a topic certkit creates is encrypted: "create", "none" or a key ARN (unused with topicArn). */
  readonly kmsKey: KmsKeySetting;
}

export interface EffectiveAlarm {
  readonly settings: AlarmConfig;
  /** Where each key that is set was set: `environments.prod.alarm.topicArn`. */
  readonly sources: { readonly [K in keyof AlarmConfig]?: KeyPath };
}

/** The `alarm` blocks that apply to a certificate, least specific first. */
export function alarmLevels(
  cfg: CertkitConfig,
  envName: string,
  certName: string,
): { at: KeyPath; alarm?: AlarmConfig }[] {
  const env = cfg.environments[envName];
  const envAt = ["environments", envName];
  return [
    { at: ["defaults", "alarm"], alarm: cfg.defaults?.alarm },
    { at: [...envAt, "alarm"], alarm: env?.alarm },
    {
      at: [...envAt, "certificates", certName, "alarm"],
      alarm: env?.certificates[certName]?.alarm,
    },
  ];
}

export function effectiveAlarm(
  cfg: CertkitConfig,
  envName: string,
  certName: string,
): EffectiveAlarm {
  const settings: Record<string, unknown> = {};
  const sources: Record<string, KeyPath> = {};
  for (const { at, alarm } of alarmLevels(cfg, envName, certName)) {
    for (const [key, value] of Object.entries(alarm ?? {})) {
      if (value === undefined) continue;
      settings[key] = value;
      sources[key] = [...at, key];
    }
  }
  return { settings, sources };
}

export function resolveAlarm(cfg: CertkitConfig, envName: string, certName: string): ResolvedAlarm {
  const { settings } = effectiveAlarm(cfg, envName, certName);
  return {
    enabled: settings.enabled ?? true,
    daysBeforeExpiry: settings.daysBeforeExpiry ?? DEFAULT_DAYS_BEFORE_EXPIRY,
    emails: uniqueAddresses(settings.emails ?? []),
    kmsKey: settings.kmsKey ?? DEFAULT_KMS_KEY,
    ...(settings.topicArn === undefined ? {} : { topicArn: settings.topicArn }),
  };
}
