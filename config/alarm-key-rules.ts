// Checks of `alarm.kmsKey`, the encryption of the expiry topics certkit creates.
// The AWS managed key alias/aws/sns cannot serve: its key policy, which nobody can
// change, lets neither CloudWatch alarms nor EventBridge use it, so every
// notification would be dropped. Hence "create" (the default): a customer managed
// key whose policy lets both services use it.
import { parseKmsKeyArn } from "../domains/aws-names";
import type { RegionPlan } from "../domains/expiry-topics";
import {
  type AlarmedCertificate,
  type AlarmedEnvironment,
  checkArnRegions,
  listed,
} from "./alarm-regions";
import { effectiveAlarm } from "./derive";
import { KeyPath, type RuleFindings, formatPath } from "./issues";
import type { CertkitConfig } from "./schema";

/** What is wrong with one written `alarm.kmsKey` value, or undefined. */
export function kmsKeyProblem(value: string): string | undefined {
  if (value === "create" || value === "none") return undefined;
  if (/^(alias\/aws\/|arn:[^:]*:kms:[^:]*:[^:]*:alias\/aws\/)/.test(value)) {
    return `is an AWS managed key, whose key policy lets neither CloudWatch alarms nor EventBridge use it, so every notification would be dropped, got "${value}". Fix: leave alarm.kmsKey out (certkit creates a key both may use), or write the ARN of a customer managed key.`;
  }
  const arn = parseKmsKeyArn(value);
  if (typeof arn !== "string") return undefined;
  if (arn.startsWith("names partition")) return arn;
  return `must be create, none or a KMS key ARN, got "${value}". Fix: write one of them; a key ARN (not an alias) has the form arn:aws:kms:<region>:<12-digit account id>:key/<key id>.`;
}

/** A kmsKey written where every certificate it reaches notifies an existing topic does nothing. */
export function warnIgnoredKeys(cfg: CertkitConfig, out: RuleFindings): void {
  const reach = new Map<
    string,
    { path: KeyPath; used: boolean; topics: Set<string>; certs: string[] }
  >();
  for (const [envName, env] of Object.entries(cfg.environments)) {
    for (const certName of Object.keys(env.certificates)) {
      const { settings, sources } = effectiveAlarm(cfg, envName, certName);
      if (settings.enabled === false || !sources.kmsKey) continue;
      const path = sources.kmsKey;
      const at = formatPath(path);
      const entry = reach.get(at) ?? { path, used: false, topics: new Set<string>(), certs: [] };
      if (settings.topicArn === undefined) entry.used = true;
      else entry.topics.add(settings.topicArn);
      // A defaults key reaches every environment: say which certificate of which.
      entry.certs.push(sources.kmsKey[0] === "defaults" ? `${envName}.${certName}` : certName);
      reach.set(at, entry);
    }
  }
  for (const { path, used, topics, certs } of reach.values()) {
    if (used) continue;
    const them = certs.length === 1 ? "it notifies" : "they notify";
    const which =
      topics.size === 1
        ? `the existing topic ${[...topics][0]}`
        : "existing topics (alarm.topicArn)";
    out.warnings.push({
      path,
      message: `has no effect on certificate${certs.length === 1 ? "" : "s"} ${certs.join(", ")}: ${them} ${which}, whose encryption is up to its owner. Remove alarm.kmsKey there.`,
    });
  }
}

/**
 * One region's topic created by certkit: its key must be in that region and be
 * the same for every certificate there (planExpiryTopics finds both); "none" is
 * allowed with a warning.
 */
export function checkRegionKey(
  cfg: CertkitConfig,
  env: AlarmedEnvironment,
  plan: RegionPlan<AlarmedCertificate>,
  out: RuleFindings,
): void {
  const { region, own, conflicts } = plan;
  if (!own.length) return;
  checkArnRegions(
    cfg,
    env,
    conflicts.wrongRegion,
    {
      key: "kmsKey",
      noun: "key",
      why: "SNS encrypts a topic only with a key in the topic's region",
    },
    out,
  );
  if (conflicts.keys) {
    out.issues.push({
      path: ["environments", env.name, "certificates"],
      message: `certificates in ${region} set different alarm.kmsKey values (${conflicts.keys.map((c) => `${c.name} -> ${c.alarm.kmsKey}`).join(", ")}); the environment's expiry topic there has one key. Fix: give them the same alarm.kmsKey.`,
    });
    return;
  }
  if (own[0].alarm.kmsKey !== "none") return;
  const where = [
    ...new Set(
      own.flatMap((c) => {
        const at = effectiveAlarm(cfg, env.name, c.name).sources.kmsKey;
        return at ? [formatPath(at)] : [];
      }),
    ),
  ];
  out.warnings.push({
    path: ["environments", env.name] as KeyPath,
    message: `the expiry topic in ${region} is not encrypted (alarm.kmsKey is none at ${where.join(", ")}): notifications about ${listed(own)} stay in cleartext at rest. Leave alarm.kmsKey out to have certkit create a key (about 1 USD a month), or name an existing key's ARN.`,
  });
}
