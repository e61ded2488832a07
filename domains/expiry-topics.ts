// The expiry topic of each region: the one place that holds its invariants. A
// region's event rule has one target, so its certificates share one topic (an
// existing one or one certkit creates), and a created topic has one key; an ARN
// must be in the certificates' region. The config rules report the conflicts
// (with key paths); the stack hands the plan to ExpiryAlarm.
import { parseKmsKeyArn, parseSnsTopicArn } from "./aws-names";

/** A certificate's alarm destination settings, as merged from the config. */
export interface TopicSettings {
  /** Subscribed to a topic certkit creates; repeats allowed. */
  readonly emails: readonly string[];
  /** An existing topic to notify instead of creating one. */
  readonly topicArn?: string;
  /** How a created topic is encrypted: "create", "none" or a KMS key ARN. */
  readonly kmsKey: string;
}

export interface AlarmedCertificate {
  readonly name: string;
  readonly region: string;
  readonly alarm: TopicSettings;
}

/** A region's topic, once its certificates agree. */
export interface RegionTopic<C extends AlarmedCertificate> {
  readonly region: string;
  /** The region's certificates, in the order given. */
  readonly certificates: readonly C[];
  /** The existing topic the region notifies; none: certkit creates one. */
  readonly topicArn?: string;
  /** The created topic's key: "create", "none" or a KMS key ARN (none with topicArn). */
  readonly kmsKey?: string;
  /** Addresses subscribed to the created topic, without repeats (none with topicArn). */
  readonly emails: readonly string[];
}

/** Certificates whose `key` names a resource outside their region. */
export interface WrongRegion<C> {
  readonly key: "topicArn" | "kmsKey";
  readonly certificate: C;
  readonly arnRegion: string;
}

export interface TopicConflicts<C> {
  /** A region whose certificates name different topics (the created one counts as one). */
  readonly topics?: readonly C[];
  /** A region whose certificates without topicArn set different kmsKey values. */
  readonly keys?: readonly C[];
  /** ARNs in another region than their certificate's, topics then keys, in certificate order. */
  readonly wrongRegion: readonly WrongRegion<C>[];
}

export interface RegionPlan<C extends AlarmedCertificate> {
  readonly region: string;
  readonly certificates: readonly C[];
  /** Certificates notifying a topic certkit creates (no topicArn). */
  readonly own: readonly C[];
  readonly conflicts: TopicConflicts<C>;
  /** The region's topic; undefined when there are conflicts. */
  readonly topic?: RegionTopic<C>;
}

/** Email addresses without repeats; addresses differing only in case reach one mailbox. */
export function uniqueAddresses(emails: readonly string[]): string[] {
  const seen = new Set<string>();
  return emails.filter((e) => !seen.has(e.toLowerCase()) && seen.add(e.toLowerCase()));
}

/** The region of a topicArn or kmsKey value; undefined for "create", "none" and malformed values. */
export function arnRegion(key: "topicArn" | "kmsKey", value: string): string | undefined {
  if (key === "kmsKey" && (value === "create" || value === "none")) return undefined;
  const arn = key === "topicArn" ? parseSnsTopicArn(value) : parseKmsKeyArn(value);
  return typeof arn === "string" ? undefined : arn.region;
}

/** The topic plan of each region in use, regions in the order their first certificate comes. */
export function planExpiryTopics<C extends AlarmedCertificate>(
  certificates: readonly C[],
): RegionPlan<C>[] {
  const byRegion = new Map<string, C[]>();
  for (const c of certificates) byRegion.set(c.region, [...(byRegion.get(c.region) ?? []), c]);
  return [...byRegion].map(([region, certs]) => planRegion(region, certs));
}

function planRegion<C extends AlarmedCertificate>(region: string, certs: C[]): RegionPlan<C> {
  const own = certs.filter((c) => c.alarm.topicArn === undefined);
  const wrongRegion = [...wrongRegions("topicArn", certs), ...wrongRegions("kmsKey", own)];
  const topicArns = new Set(certs.map((c) => c.alarm.topicArn));
  const keys = new Set(own.map((c) => c.alarm.kmsKey));
  const conflicts: TopicConflicts<C> = {
    ...(topicArns.size > 1 ? { topics: certs } : {}),
    ...(keys.size > 1 ? { keys: own } : {}),
    wrongRegion,
  };
  const plan = { region, certificates: certs, own, conflicts };
  if (topicArns.size > 1 || keys.size > 1 || wrongRegion.length) return plan;
  const [topicArn] = topicArns;
  const topic: RegionTopic<C> =
    topicArn === undefined
      ? {
          region,
          certificates: certs,
          kmsKey: [...keys][0],
          emails: uniqueAddresses(certs.flatMap((c) => c.alarm.emails)),
        }
      : { region, certificates: certs, topicArn, emails: [] };
  return { ...plan, topic };
}

function wrongRegions<C extends AlarmedCertificate>(
  key: "topicArn" | "kmsKey",
  certs: readonly C[],
): WrongRegion<C>[] {
  return certs.flatMap((certificate) => {
    const value = certificate.alarm[key];
    const region = value === undefined ? undefined : arnRegion(key, value);
    return region === undefined || region === certificate.region
      ? []
      : [{ key, certificate, arnRegion: region }];
  });
}
