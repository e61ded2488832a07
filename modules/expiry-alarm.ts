// Expiry watch for an environment's certificates: a DaysToExpiry alarm per
// certificate and, per region, an EventBridge rule for ACM's expiry events, both
// notifying one SNS topic, encrypted with a key of its region. Everything lives in
// the certificate's region: that is where ACM publishes the metric and the events
// (us-east-1 for CloudFront).
import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import {
  awsNameBase,
  expiryAlarmName,
  expiryRuleName,
  expiryTopicName,
  readableIds,
  regionIdPart,
} from "../domains/aws-names";
import { MAX_DAYS_BEFORE_EXPIRY } from "../domains/acm";
import { arnRegion, uniqueAddresses } from "../domains/expiry-topics";
import { ExpiryTopicKey } from "./expiry-topic-key";
import { Namespace } from "./namespace";
import {
  CloudwatchEventRule,
  CloudwatchEventTarget,
  CloudwatchMetricAlarm,
  SnsTopic,
  SnsTopicPolicy,
  SnsTopicSubscription,
} from "./provider-imports";

/** The ACM events that need a person: expiry near, expired, renewal stuck. */
export const ACM_EXPIRY_DETAIL_TYPES = [
  "ACM Certificate Approaching Expiration",
  "ACM Certificate Expired",
  "ACM Certificate Renewal Action Required",
] as const;

const SECONDS_PER_DAY = 86_400;
const MAX_TOPIC_DISPLAY_NAME = 100;
const MAX_ALARM_DESCRIPTION = 1024;

/** How a topic created here is encrypted: "create" (a key per region), "none", or an existing key's ARN. */
export type TopicKeySetting = "create" | "none" | (string & {});

export interface WatchedCertificate {
  /** The certificate's config name: part of resource ids and names. */
  readonly name: string;
  /** Names the certificate covers, the primary first; named in the alarm. */
  readonly domains: readonly string[];
  /** The certificate's ARN as soon as it is requested (the metric exists before issuance ends). */
  readonly arn: string;
  /** Alarm when fewer days than this remain: a whole number from 1 to 197 (certificates live 198 days). */
  readonly daysBeforeExpiry: number;
  /** Issued by an AWS Private CA: ACM renews it through the CA, not through DNS validation. @default false */
  readonly privateCa?: boolean;
}

/** One region's certificates and the one topic they notify (domains/expiry-topics.ts plans it from the config). */
export interface WatchedRegion {
  /** The region the certificates live in: their alarms, event rule and topic are created there. */
  readonly region: string;
  /** The certificates to watch in `region`. */
  readonly certificates: readonly WatchedCertificate[];
  /** An existing topic in `region` to notify instead of creating one. @default - a topic created here */
  readonly topicArn?: string;
  /** How the topic created here is encrypted (a key's ARN must be in `region`); unused with `topicArn`. @default "create" */
  readonly kmsKey?: TopicKeySetting;
  /** Email addresses subscribed to the topic created here, each once (ignoring case); unused with `topicArn`. @default - none */
  readonly emails?: readonly string[];
}

export interface ExpiryAlarmProps {
  /** The environment's name, in resource names and descriptions. */
  readonly environment: string;
  /** Put in front of resource names, such as the project. @default - none */
  readonly namePrefix?: string;
  /** The regions to watch, each named once. */
  readonly regions: readonly WatchedRegion[];
  /** The stack's AWS account, named in the policy of each key created here. @default - read from each key's ARN at apply */
  readonly accountId?: string;
  /** The AWS provider for a region. @default - the stack's default AWS provider for every region */
  readonly providerFor?: (region: string) => TerraformProvider | undefined;
}

export class ExpiryAlarm extends Construct {
  /** The DaysToExpiry alarm of each certificate, by certificate name. */
  readonly alarms = new Map<string, CloudwatchMetricAlarm>();
  /** The ACM event rule of each region in use, by region. */
  readonly rules = new Map<string, CloudwatchEventRule>();
  /** Topics created here, by region (none where an existing topic is used). */
  readonly topics = new Map<string, SnsTopic>();
  /** The topic notified in each region in use, created or existing, by region. */
  readonly topicArns = new Map<string, string>();
  /** Keys created here for the topics, by region. */
  readonly keys = new Map<string, ExpiryTopicKey>();
  /** The key of each topic created here that is encrypted, created or existing, by region. */
  readonly keyArns = new Map<string, string>();
  private readonly props: ExpiryAlarmProps;
  // Certificate names apart from the ids of regions' rules, topics and keys.
  private readonly alarmScope = new Namespace(this, "alarms");

  constructor(scope: Construct, id: string, props: ExpiryAlarmProps) {
    super(scope, id);
    this.props = props;
    const base = awsNameBase(props.environment, props.namePrefix);
    for (const watched of sortedRegions(props.regions, this.node.path)) {
      const { region, certificates: certs } = watched;
      const provider = props.providerFor?.(region);
      const regionId = regionIdPart(region);
      const topicArn = this.topicArn(watched);
      const topic = topicArn ? undefined : this.createTopic(base, watched, provider);
      const arn = topicArn ?? topic!.arn;
      this.topicArns.set(region, arn);

      const alarms = certs.map((cert) =>
        this.createAlarm(base, props.environment, cert, arn, provider),
      );

      const rule = new CloudwatchEventRule(this, `events_${regionId}`, {
        provider,
        name: expiryRuleName(base),
        description: `ACM expiry events of environment ${props.environment}'s certificates in ${region}: ${certs.map((c) => c.name).join(", ")}.`,
        // JSON with references inside: readable in cdk.tf.json, and the provider
        // compares patterns and policies as JSON, not as text.
        eventPattern: JSON.stringify({
          source: ["aws.acm"],
          "detail-type": ACM_EXPIRY_DETAIL_TYPES,
          // This environment's certificates only: the account may hold others.
          resources: certs.map((c) => c.arn),
        }),
      });
      rule.overrideLogicalId(`expiry_events_${regionId}`);
      this.rules.set(region, rule);
      new CloudwatchEventTarget(this, `target_${regionId}`, {
        provider,
        rule: rule.name,
        arn,
        targetId: "expiry-topic",
      }).overrideLogicalId(`expiry_events_target_${regionId}`);

      // An existing topic's policy is its owner's: docs/alarms.md says what it must allow.
      if (topic) {
        new SnsTopicPolicy(this, `topic_policy_${regionId}`, {
          provider,
          arn: topic.arn,
          policy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [
              publishFrom("AcmExpiryEvents", "events.amazonaws.com", topic.arn, [rule.arn]),
              publishFrom(
                "ExpiryAlarms",
                "cloudwatch.amazonaws.com",
                topic.arn,
                alarms.map((a) => a.arn),
              ),
            ],
          }),
        }).overrideLogicalId(`expiry_topic_policy_${regionId}`);
      }
    }
  }

  /** The existing topic the region notifies, if it names one. */
  private topicArn({ region, topicArn }: WatchedRegion): string | undefined {
    if (topicArn !== undefined && arnRegion("topicArn", topicArn) !== region) {
      throw new Error(`${this.node.path}: topic ${topicArn} is not an SNS topic in ${region}.`);
    }
    return topicArn;
  }

  private createTopic(
    base: string,
    { region, kmsKey = "create", emails = [] }: WatchedRegion,
    provider: TerraformProvider | undefined,
  ): SnsTopic {
    const regionId = regionIdPart(region);
    const kmsMasterKeyId = this.topicKey(base, region, kmsKey, provider);
    const topic = new SnsTopic(this, `topic_${regionId}`, {
      provider,
      name: expiryTopicName(base),
      displayName: `Certificate expiry ${base}`.slice(0, MAX_TOPIC_DISPLAY_NAME),
      kmsMasterKeyId,
    });
    topic.overrideLogicalId(`expiry_topic_${regionId}`);
    this.topics.set(region, topic);

    // One subscription per mailbox: the plan drops repeats, the same function checks here.
    if (uniqueAddresses(emails).length !== emails.length) {
      throw new Error(
        `${this.node.path}: emails of ${region} repeat an address (${emails.join(", ")}); each is subscribed once.`,
      );
    }
    const ids = readableIds(emails);
    for (const email of emails) {
      const id = `expiry_email_${regionId}_${ids.get(email)}`;
      new SnsTopicSubscription(this, id, {
        provider,
        topicArn: topic.arn,
        protocol: "email",
        endpoint: email,
      }).overrideLogicalId(id);
    }
    return topic;
  }

  /** The ARN of the key encrypting the region's new topic, created here if asked; none for "none". */
  private topicKey(
    base: string,
    region: string,
    setting: TopicKeySetting,
    provider: TerraformProvider | undefined,
  ): string | undefined {
    if (setting === "none") return undefined;
    if (setting !== "create") {
      if (arnRegion("kmsKey", setting) !== region) {
        throw new Error(`${this.node.path}: ${setting} is not a KMS key ARN in ${region}.`);
      }
      this.keyArns.set(region, setting);
      return setting;
    }
    const { accountId, environment, namePrefix } = this.props;
    const key = new ExpiryTopicKey(this, `key_${regionIdPart(region)}`, {
      name: base,
      description: `Encrypts the certificate expiry topic of ${namePrefix ? `project ${namePrefix}, ` : ""}environment ${environment}, in ${region} (certkit).`,
      region,
      accountId,
      provider,
    });
    this.keys.set(region, key);
    this.keyArns.set(region, key.key.arn);
    return key.key.arn;
  }

  private createAlarm(
    base: string,
    environment: string,
    cert: WatchedCertificate,
    topicArn: string,
    provider: TerraformProvider | undefined,
  ): CloudwatchMetricAlarm {
    const days = cert.daysBeforeExpiry;
    if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS_BEFORE_EXPIRY) {
      throw new Error(
        `${this.node.path}: daysBeforeExpiry of certificate ${cert.name} must be a whole number from 1 to ${MAX_DAYS_BEFORE_EXPIRY}, got ${days}.`,
      );
    }
    const [primary, ...others] = cert.domains;
    const description = (names: string) =>
      `Certificate ${cert.name} of environment ${environment} (${names}) expires in fewer than ${days} days. ` +
      // Private certificates too renew only when in use or exported (ACM user guide,
      // "Managed certificate renewal", eligibility), and only through their CA.
      (cert.privateCa
        ? "ACM renews it on its own only while an AWS service uses it (or it was exported since its last renewal) and its private CA is active and lets ACM issue (CA permissions for acm.amazonaws.com, or a resource policy across accounts): check these."
        : "ACM renews it on its own only while an AWS service uses it and its validation CNAME resolves: check both.");
    const full = description(cert.domains.join(", "));
    const alarm = new CloudwatchMetricAlarm(this.alarmScope, this.alarmScope.id(cert.name), {
      provider,
      alarmName: expiryAlarmName(base, cert.name, cert.domains),
      alarmDescription:
        full.length <= MAX_ALARM_DESCRIPTION
          ? full
          : description(`${primary} and ${others.length} more`),
      namespace: "AWS/CertificateManager",
      metricName: "DaysToExpiry",
      dimensions: { CertificateArn: cert.arn },
      statistic: "Minimum",
      // ACM publishes DaysToExpiry once a day and stops after expiry (ACM's "Supported
      // CloudWatch metrics" page, https://docs.aws.amazon.com/acm/latest/userguide/cloudwatch-metrics.html).
      // A late daily point cannot flap this 1-of-1 daily alarm: CloudWatch reads an
      // evaluation range longer than the evaluation periods and, while that range holds
      // at least one real point, evaluates the most recent real points and fills nothing;
      // missing data counts as breaching only once the whole range is empty (CloudWatch
      // "Alarm evaluation", how data is missing is evaluated,
      // https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-evaluation.html).
      // So: one day, one period, one point. More periods would only delay the alarm by
      // days. The empty range happens after expiry (the point of "breaching") and for a
      // new certificate until ACM's first point: that alarm may start in ALARM for a day.
      period: SECONDS_PER_DAY,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      threshold: days,
      comparisonOperator: "LessThanThreshold",
      treatMissingData: "breaching",
      alarmActions: [topicArn],
      okActions: [topicArn],
    });
    alarm.overrideLogicalId(`expiry_alarm_${cert.name}`);
    this.alarms.set(cert.name, alarm);
    return alarm;
  }
}

/** Regions sorted so that synthesized output never reorders; a region has one rule and one topic. */
function sortedRegions(regions: readonly WatchedRegion[], path: string): WatchedRegion[] {
  const sorted = [...regions].sort((a, b) => a.region.localeCompare(b.region));
  sorted.forEach((r, i) => {
    if (r.region === sorted[i - 1]?.region) {
      throw new Error(
        `${path}: region ${r.region} is named twice; its certificates share one topic and one event rule.`,
      );
    }
  });
  return sorted;
}

function publishFrom(sid: string, service: string, topicArn: string, sourceArns: string[]) {
  return {
    Sid: sid,
    Effect: "Allow",
    Principal: { Service: service },
    Action: "sns:Publish",
    Resource: topicArn,
    Condition: { ArnEquals: { "aws:SourceArn": sourceArns } },
  };
}
