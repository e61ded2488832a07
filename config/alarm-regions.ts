// Alarm settings that name an AWS resource by ARN (alarm.topicArn, alarm.kmsKey):
// the resource must be in each certificate's region, which resolving decides
// (CloudFront certificates live in us-east-1). Shared by alarm-rules.ts and
// alarm-key-rules.ts, with the helpers their messages use.
import { KeyPath, formatPath } from "./issues";
import type { ResolvedCertificate, ResolvedEnvironment } from "./resolve";
import { effectiveAlarm } from "./resolve-alarm";
import type { RuleFindings } from "./rules";
import type { CertkitConfig } from "./schema";

export const certPath = (env: ResolvedEnvironment, cert: ResolvedCertificate): KeyPath => [
  "environments",
  env.name,
  "certificates",
  cert.name,
];

export const listed = (certs: readonly ResolvedCertificate[]) =>
  `certificate${certs.length === 1 ? "" : "s"} ${certs.map((c) => c.name).join(", ")}`;

export interface RegionalArn {
  /** The alarm key holding the ARN. */
  readonly key: "topicArn" | "kmsKey";
  /** What the ARN names, in messages: "topic", "key". */
  readonly noun: string;
  /** The ARN's region; undefined when the value is no ARN or is malformed (reported already). */
  readonly regionOf: (value: string) => string | undefined;
  /** Why the region matters, a clause ending the problem. */
  readonly why: string;
}

/** One issue per place the ARN is written, naming every certificate it fails. */
export function checkArnRegions(
  cfg: CertkitConfig,
  env: ResolvedEnvironment,
  certs: readonly ResolvedCertificate[],
  arn: RegionalArn,
  out: RuleFindings,
): void {
  const wrong = new Map<
    string,
    { path: KeyPath; arnRegion: string; certs: ResolvedCertificate[] }
  >();
  for (const cert of certs) {
    const value = cert.alarm[arn.key];
    const arnRegion = value === undefined ? undefined : arn.regionOf(value);
    if (arnRegion === undefined || arnRegion === cert.region) continue;
    const path = effectiveAlarm(cfg, env.name, cert.name).sources[arn.key]!;
    const entry = wrong.get(formatPath(path)) ?? { path, arnRegion, certs: [] };
    entry.certs.push(cert);
    wrong.set(formatPath(path), entry);
  }
  for (const { path, arnRegion, certs: failing } of wrong.values()) {
    const region = failing[0].region;
    const own = formatPath(path) === formatPath([...certPath(env, failing[0]), "alarm", arn.key]);
    const cloudfront =
      region === env.region
        ? ""
        : ` (not the environment's ${env.region}: CloudFront takes certificates from us-east-1 only)`;
    out.issues.push({
      path,
      message: `the ${arn.noun} is in ${arnRegion}, but ${listed(failing)} live${failing.length === 1 ? "s" : ""} in ${region}${cloudfront}; ${arn.why}. Fix: ${
        own
          ? `use a ${arn.noun} in ${region}`
          : `set alarm.${arn.key} on ${failing.length === 1 ? "that certificate" : "those certificates"} to a ${arn.noun} in ${region}`
      }.`,
    });
  }
}
