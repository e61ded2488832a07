// Checks of the `alarm` settings. Values are checked where they are written
// (checkAlarmConfig, with the other rules). Where a topic or its key may live
// depends on each certificate's region (CloudFront certificates live in
// us-east-1), so checkAlarmPlacement runs once the other rules passed: every
// environment has its region then. The kmsKey checks are in alarm-key-rules.ts.
import {
  awsNameBase,
  expiryAlarmName,
  expiryKeyAlias,
  expiryRuleName,
  expiryTopicName,
  parseSnsTopicArn,
} from "../domains/aws-names";
import { type RegionPlan, planExpiryTopics } from "../domains/expiry-topics";
import { checkRegionKey, kmsKeyProblem, warnIgnoredKeys } from "./alarm-key-rules";
import {
  type AlarmedCertificate,
  type AlarmedEnvironment,
  alarmedEnvironments,
  checkArnRegions,
  certPath,
  listed,
} from "./alarm-regions";
import { DEFAULT_DAYS_BEFORE_EXPIRY, MAX_DAYS_BEFORE_EXPIRY } from "./alarm-schema";
import type { AlarmConfig } from "./alarm-schema";
import { effectiveAlarm } from "./derive";
import { KeyPath, type RuleFindings, formatPath } from "./issues";
import type { CertkitConfig } from "./schema";

/** ACM starts renewing this many days before expiry. */
export const RENEWAL_START_DAYS = 60;

// WHATWG's address syntax, with at least one dot in the domain.
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function checkAlarmConfig(cfg: CertkitConfig, out: RuleFindings): void {
  checkAlarmBlock(cfg.defaults?.alarm, ["defaults", "alarm"], out);
  for (const [envName, env] of Object.entries(cfg.environments)) {
    checkAlarmBlock(env.alarm, ["environments", envName, "alarm"], out);
    for (const [certName, cert] of Object.entries(env.certificates)) {
      checkAlarmBlock(
        cert.alarm,
        ["environments", envName, "certificates", certName, "alarm"],
        out,
      );
    }
  }
  warnIgnoredKeys(cfg, out);
}

function checkAlarmBlock(alarm: AlarmConfig | undefined, at: KeyPath, out: RuleFindings): void {
  const days = alarm?.daysBeforeExpiry;
  if (days !== undefined) {
    const path = [...at, "daysBeforeExpiry"];
    if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS_BEFORE_EXPIRY) {
      out.issues.push({
        path,
        message: `must be a whole number of days from 1 to ${MAX_DAYS_BEFORE_EXPIRY} (public certificates live ${MAX_DAYS_BEFORE_EXPIRY + 1} days), got ${days}. Fix: use a value in that range, such as ${DEFAULT_DAYS_BEFORE_EXPIRY} (the default).`,
      });
    } else if (days > RENEWAL_START_DAYS) {
      out.warnings.push({
        path: path,
        message: `${days} days is more than the ${RENEWAL_START_DAYS} days before expiry at which ACM starts renewing, so the alarm fires for every certificate in every cycle. Use ${RENEWAL_START_DAYS} or less.`,
      });
    }
  }
  alarm?.emails?.forEach((email, i) => {
    if (!EMAIL.test(email)) {
      out.issues.push({
        path: [...at, "emails", i],
        message: `is not an email address, got "${email}". Fix: write one full address, such as ops@example.com.`,
      });
    }
  });
  if (alarm?.topicArn !== undefined) {
    const arn = parseSnsTopicArn(alarm.topicArn);
    if (typeof arn === "string") out.issues.push({ path: [...at, "topicArn"], message: arn });
  }
  const keyProblem = alarm?.kmsKey === undefined ? undefined : kmsKeyProblem(alarm.kmsKey);
  if (keyProblem) out.issues.push({ path: [...at, "kmsKey"], message: keyProblem });
}

export function checkAlarmPlacement(cfg: CertkitConfig): RuleFindings {
  return checkPlacementOf(cfg, alarmedEnvironments(cfg));
}

/** The placement checks of `environments` as derived from `cfg` (tests move certificates across regions). */
export function checkPlacementOf(
  cfg: CertkitConfig,
  environments: readonly AlarmedEnvironment[],
): RuleFindings {
  const out: RuleFindings = { issues: [], warnings: [] };
  for (const env of environments) {
    for (const cert of env.certificates) {
      if (!cert.alarm.enabled) warnDisabled(cfg, env, cert, out);
    }
    for (const plan of planExpiryTopics(env.certificates.filter((c) => c.alarm.enabled))) {
      checkArnRegions(cfg, env, plan.conflicts.wrongRegion, TOPIC_ARN, out);
      checkOneTopicPerRegion(env, plan, out);
      checkRegionKey(cfg, env, plan, out);
      warnUnheard(env, plan.region, plan.certificates, out);
    }
  }
  checkAwsNames(environments, out);
  return out;
}

/**
 * CloudWatch alarm, SNS topic, KMS alias and EventBridge rule names are unique per
 * account and region, across every stack: environment prod's certificate x-web and
 * environment prod-x's certificate web would both make the alarm "prod-x-web
 * certificate expiry: ...", and two environments whose project tag and name join
 * into one prefix would share every name.
 */
function checkAwsNames(environments: readonly AlarmedEnvironment[], out: RuleFindings): void {
  const seen = new Map<string, AwsName>();
  for (const name of environments.flatMap(awsNamesOf)) {
    const key = `${name.region} ${name.kind} ${name.name}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, name);
      continue;
    }
    if (first.env === name.env) continue;
    const [a, b] = [first.env.accountId, name.env.accountId];
    const other = formatPath(first.path);
    if (a && a === b) {
      out.issues.push({
        path: name.path,
        message: `gets the ${name.kind} "${name.name}" in ${name.region} of account ${b}, as ${other} does; ${name.kind} names are unique per account and region, so one stack would take over or fail on the other's. Fix: ${name.fix}.`,
      });
    } else if (!a || !b) {
      out.warnings.push({
        path: name.path,
        message: `gets the ${name.kind} "${name.name}" in ${name.region}, as ${other} does; if environments ${first.env.name} and ${name.env.name} share an AWS account, one stack takes over or fails on the other's. Set accountId on both so certkit can check, or ${name.fix}.`,
      });
    }
  }
}

interface AwsName {
  readonly kind: string;
  readonly name: string;
  readonly region: string;
  readonly env: AlarmedEnvironment;
  readonly path: KeyPath;
  readonly fix: string;
}

/** The AWS-side names an environment's stack creates, as modules/expiry-alarm.ts makes them. */
function awsNamesOf(env: AlarmedEnvironment): AwsName[] {
  const base = awsNameBase(env.name, env.project);
  const names: AwsName[] = [];
  const prefixFix =
    "set the top-level project (the same for every environment) instead of a project tag, or rename one environment";
  const regions = new Map<string, AlarmedCertificate[]>();
  for (const cert of env.certificates) {
    if (!cert.alarm.enabled) continue;
    regions.set(cert.region, [...(regions.get(cert.region) ?? []), cert]);
    names.push({
      kind: "CloudWatch alarm",
      name: expiryAlarmName(base, cert.name, cert.domains),
      region: cert.region,
      env,
      path: certPath(env, cert),
      fix: "rename one of the two certificates",
    });
  }
  for (const [region, certs] of regions) {
    const at = { region, env, path: ["environments", env.name], fix: prefixFix };
    names.push({ ...at, kind: "EventBridge rule", name: expiryRuleName(base) });
    const own = certs.filter((c) => c.alarm.topicArn === undefined);
    if (own.length) names.push({ ...at, kind: "SNS topic", name: expiryTopicName(base) });
    if (own.some((c) => c.alarm.kmsKey === "create")) {
      names.push({ ...at, kind: "KMS alias", name: expiryKeyAlias(base) });
    }
  }
  return names;
}

function warnDisabled(
  cfg: CertkitConfig,
  env: AlarmedEnvironment,
  cert: AlarmedCertificate,
  out: RuleFindings,
): void {
  const where = effectiveAlarm(cfg, env.name, cert.name).sources.enabled;
  out.warnings.push({
    path: certPath(env, cert),
    message: `certificate ${cert.name} (${cert.domains.join(", ")}) has no expiry alarm and no ACM event routing (${where ? formatPath(where) : "alarm.enabled"} is false); a failed renewal goes unnoticed until browsers refuse the certificate.`,
  });
}

/** Alarms and ACM events reach only a topic in the certificate's own region. */
const TOPIC_ARN = {
  key: "topicArn",
  noun: "topic",
  why: "alarms and ACM events reach only a topic in the certificate's region",
} as const;

/** The region's event rule has one target: certificates sharing a region share a topic. */
function checkOneTopicPerRegion(
  env: AlarmedEnvironment,
  { region, conflicts }: RegionPlan<AlarmedCertificate>,
  out: RuleFindings,
): void {
  if (!conflicts.topics) return;
  const each = conflicts.topics
    .map((c) => `${c.name} -> ${c.alarm.topicArn ?? "the environment's own topic"}`)
    .join(", ");
  out.issues.push({
    path: ["environments", env.name, "certificates"],
    message: `certificates in ${region} notify different topics (${each}); an environment has one expiry topic per region. Fix: give them the same alarm.topicArn, or none.`,
  });
}

function warnUnheard(
  env: AlarmedEnvironment,
  region: string,
  certs: readonly AlarmedCertificate[],
  out: RuleFindings,
): void {
  const ignored = certs.filter((c) => c.alarm.topicArn !== undefined && c.alarm.emails.length);
  if (ignored.length) {
    out.warnings.push({
      path: ["environments", env.name],
      message: `alarm.emails of ${listed(ignored)} are not subscribed, because they notify the existing topic ${ignored[0].alarm.topicArn}. Subscribe the addresses to that topic yourself, or drop one of the two settings.`,
    });
  }
  if (certs.some((c) => c.alarm.topicArn !== undefined || c.alarm.emails.length)) return;
  out.warnings.push({
    path: ["environments", env.name],
    message: `nobody is notified of certificate expiry in ${region}: ${listed(certs)} set${certs.length === 1 ? "s" : ""} neither alarm.emails nor alarm.topicArn. The alarms, the event rule and the topic are still created; set alarm.emails (in defaults to cover every environment) or subscribe to the topic.`,
  });
}
