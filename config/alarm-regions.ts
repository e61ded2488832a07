// Alarm settings that name an AWS resource by ARN (alarm.topicArn, alarm.kmsKey):
// the resource must be in each certificate's region (CloudFront certificates live
// in us-east-1). Shared by alarm-rules.ts and alarm-key-rules.ts, with the view of
// the raw document they check and the helpers their messages use.
import type { WrongRegion } from "../domains/expiry-topics";
import { normalizeDomain } from "../domains/names";
import {
  type ResolvedAlarm,
  certificateRegion,
  usEast1Reason,
  resolveAlarm,
  effectiveAlarm,
  effectiveRegion,
  environmentTags,
} from "./derive";
import { KeyPath, type RuleFindings, formatPath } from "./issues";
import type { AwsRegion } from "./regions";
import type { CertkitConfig } from "./schema";

/** A certificate as the alarm checks see it: its region and merged alarm settings. */
export interface AlarmedCertificate {
  readonly name: string;
  /** Lowercased, as the stack names them. */
  readonly domains: string[];
  readonly region: AwsRegion;
  /** Why it lives in us-east-1 whatever the environment's region. @default - it lives in the environment's region */
  readonly usEast1?: string;
  readonly alarm: ResolvedAlarm;
}

export interface AlarmedEnvironment {
  readonly name: string;
  readonly region: AwsRegion;
  readonly accountId?: string;
  /** The project tag the environment's resources carry. */
  readonly project?: string;
  readonly certificates: AlarmedCertificate[];
}

/** Every environment with a region (one without was refused by the rules), from the raw document. */
export function alarmedEnvironments(cfg: CertkitConfig): AlarmedEnvironment[] {
  return Object.entries(cfg.environments).flatMap(([name, env]) => {
    const region = effectiveRegion(cfg, env);
    if (region === undefined) return [];
    const accountId = env.accountId ?? cfg.defaults?.accountId;
    const project = environmentTags(cfg, name).project;
    return [
      {
        name,
        region,
        ...(accountId === undefined ? {} : { accountId }),
        ...(project === undefined ? {} : { project }),
        certificates: Object.entries(env.certificates).map(([certName, cert]) => {
          const usEast1 = usEast1Reason(cert);
          return {
            name: certName,
            domains: cert.domains.map(normalizeDomain),
            region: certificateRegion(region, cert),
            ...(usEast1 === undefined ? {} : { usEast1 }),
            alarm: resolveAlarm(cfg, name, certName),
          };
        }),
      },
    ];
  });
}

export const certPath = (env: AlarmedEnvironment, cert: AlarmedCertificate): KeyPath => [
  "environments",
  env.name,
  "certificates",
  cert.name,
];

export const listed = (certs: readonly AlarmedCertificate[]) =>
  `certificate${certs.length === 1 ? "" : "s"} ${certs.map((c) => c.name).join(", ")}`;

export interface RegionalArn {
  /** The alarm key holding the ARN. */
  readonly key: "topicArn" | "kmsKey";
  /** What the ARN names, in messages: "topic", "key". */
  readonly noun: string;
  /** Why the region matters, a clause ending the problem. */
  readonly why: string;
}

/** One issue per place the ARN is written, naming every certificate it fails (found by planExpiryTopics). */
export function checkArnRegions(
  cfg: CertkitConfig,
  env: AlarmedEnvironment,
  wrongRegion: readonly WrongRegion<AlarmedCertificate>[],
  arn: RegionalArn,
  out: RuleFindings,
): void {
  const wrong = new Map<
    string,
    { path: KeyPath; arnRegion: string; certs: AlarmedCertificate[] }
  >();
  for (const { certificate: cert, arnRegion } of wrongRegion.filter((w) => w.key === arn.key)) {
    // Set somewhere, since the certificate's merged alarm holds it.
    const path = effectiveAlarm(cfg, env.name, cert.name).sources[arn.key] ?? certPath(env, cert);
    const entry = wrong.get(formatPath(path)) ?? { path, arnRegion, certs: [] };
    entry.certs.push(cert);
    wrong.set(formatPath(path), entry);
  }
  for (const { path, arnRegion, certs: failing } of wrong.values()) {
    const region = failing[0].region;
    const own = formatPath(path) === formatPath([...certPath(env, failing[0]), "alarm", arn.key]);
    const cloudfront =
      region === env.region ? "" : ` (not the environment's ${env.region}: ${failing[0].usEast1})`;
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
