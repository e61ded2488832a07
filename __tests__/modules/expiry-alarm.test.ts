// ExpiryAlarm on its own (literal ARNs), then as the environment stack wires it.
import { TerraformStack, Testing } from "cdktf";
import {
  ACM_EXPIRY_DETAIL_TYPES,
  ExpiryAlarm,
  type ExpiryAlarmProps,
  type WatchedCertificate,
  type WatchedRegion,
} from "../../modules/expiry-alarm";
import { AwsProvider } from "../../modules/provider-imports";
import {
  type SynthJson,
  expectCounts,
  resourceOf,
  resourcesOf,
  synthEnvironment,
  yaml,
} from "../helpers";

const ALARM = "aws_cloudwatch_metric_alarm";
const RULE = "aws_cloudwatch_event_rule";
const TARGET = "aws_cloudwatch_event_target";
const TOPIC = "aws_sns_topic";
const POLICY = "aws_sns_topic_policy";
const SUBSCRIPTION = "aws_sns_topic_subscription";
const KEY = "aws_kms_key";
const ALIAS = "aws_kms_alias";
const KEY_POLICY = "aws_kms_key_policy";
const ACCOUNT = "123456789012";

const arnOf = (name: string, region = "eu-west-1") =>
  `arn:aws:acm:${region}:123456789012:certificate/${name}`;

const cert = (name: string, more: Partial<WatchedCertificate> = {}): WatchedCertificate => ({
  name,
  domains: [`${name}.example.com`],
  arn: arnOf(name),
  daysBeforeExpiry: 45,
  ...more,
});

/** The certificates of eu-west-1 (or `more.region`) and their topic settings. */
const inRegion = (
  certificates: WatchedCertificate[],
  more: Partial<WatchedRegion> = {},
): WatchedRegion => ({ region: "eu-west-1", certificates, ...more });

/** A CloudFront certificate's region. */
const usEast1 = (more: Partial<WatchedRegion> = {}): WatchedRegion =>
  inRegion([cert("cdn", { arn: arnOf("cdn", "us-east-1") })], { region: "us-east-1", ...more });

/** Synthesizes an ExpiryAlarm in a stack whose us-east-1 resources use provider aws.us_east_1. */
function synth(regions: WatchedRegion[], more: Partial<ExpiryAlarmProps> = {}): SynthJson {
  const stack = new TerraformStack(Testing.app(), "prod");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  const usEast1 = new AwsProvider(stack, "aws_us_east_1", {
    region: "us-east-1",
    alias: "us_east_1",
  });
  new ExpiryAlarm(stack, "expiry", {
    environment: "prod",
    namePrefix: "shop",
    accountId: ACCOUNT,
    regions,
    providerFor: (region) => (region === "us-east-1" ? usEast1 : undefined),
    ...more,
  });
  return JSON.parse(Testing.synth(stack, true)) as SynthJson;
}

const json = (text: unknown) => JSON.parse(String(text)) as Record<string, unknown>;
const topicRef = (region: string) => `\${aws_sns_topic.expiry_topic_${region}.arn}`;
const keyRef = (region: string) => `\${aws_kms_key.expiry_key_${region}.arn}`;

describe("alarm", () => {
  it("watches DaysToExpiry of the certificate, daily, and notifies the topic on ALARM and OK", () => {
    const out = synth([inRegion([cert("web", { daysBeforeExpiry: 30 })])]);
    expect(resourceOf(out, ALARM, "expiry_alarm_web")).toMatchObject({
      namespace: "AWS/CertificateManager",
      metric_name: "DaysToExpiry",
      dimensions: { CertificateArn: arnOf("web") },
      statistic: "Minimum",
      period: 86400,
      evaluation_periods: 1,
      datapoints_to_alarm: 1,
      comparison_operator: "LessThanThreshold",
      threshold: 30,
      treat_missing_data: "breaching",
      alarm_actions: [topicRef("eu_west_1")],
      ok_actions: [topicRef("eu_west_1")],
    });
  });

  it("alarms when fewer than daysBeforeExpiry days remain", () => {
    expect(resourceOf(synth([inRegion([cert("web")])]), ALARM, "expiry_alarm_web").threshold).toBe(
      45,
    );
  });

  it.each([0, 198, 30.5])("fails when daysBeforeExpiry is %d", (days) => {
    expect(() => synth([inRegion([cert("web", { daysBeforeExpiry: days })])])).toThrow(
      new Error(
        `prod/expiry: daysBeforeExpiry of certificate web must be a whole number from 1 to 197, got ${days}.`,
      ),
    );
  });

  it("names the environment, the certificate and its domains", () => {
    const alarm = resourceOf(
      synth([
        inRegion([cert("web", { domains: ["example.com", "*.example.com", "www.example.org"] })]),
      ]),
      ALARM,
      "expiry_alarm_web",
    );
    expect(alarm.alarm_name).toBe("shop-prod-web certificate expiry: example.com (+2 more)");
    expect(alarm.alarm_description).toBe(
      "Certificate web of environment prod (example.com, *.example.com, www.example.org) expires in fewer than 45 days. ACM renews it on its own only while an AWS service uses it and its validation CNAME resolves: check both.",
    );
  });

  it("keeps the description within CloudWatch's 1024 characters for a hundred names", () => {
    const domains = Array.from(
      { length: 100 },
      (_, i) => `host-${i}.a-rather-long-zone-name.example.com`,
    );
    const alarm = resourceOf(
      synth([inRegion([cert("web", { domains })])]),
      ALARM,
      "expiry_alarm_web",
    );
    expect(alarm.alarm_description).toBe(
      "Certificate web of environment prod (host-0.a-rather-long-zone-name.example.com and 99 more) expires in fewer than 45 days. ACM renews it on its own only while an AWS service uses it and its validation CNAME resolves: check both.",
    );
  });
});

describe("one topic and one event rule per region", () => {
  const out = synth([
    usEast1({ emails: ["cdn@example.com"] }),
    inRegion([cert("web"), cert("api")], { emails: ["ops@example.com", "api@example.com"] }),
  ]);

  it("creates them only once per region, whatever the number of certificates", () => {
    expectCounts(out, {
      [ALARM]: 3,
      [TOPIC]: 2,
      [POLICY]: 2,
      [RULE]: 2,
      [TARGET]: 2,
      [SUBSCRIPTION]: 3,
      [KEY]: 2,
      [ALIAS]: 2,
    });
  });

  it("creates a us-east-1 certificate's alarm, rule, target, topic and key with the us-east-1 provider", () => {
    const providers = [
      resourceOf(out, ALARM, "expiry_alarm_cdn"),
      resourceOf(out, RULE, "expiry_events_us_east_1"),
      resourceOf(out, TARGET, "expiry_events_target_us_east_1"),
      resourceOf(out, TOPIC, "expiry_topic_us_east_1"),
      resourceOf(out, POLICY, "expiry_topic_policy_us_east_1"),
      resourceOf(out, SUBSCRIPTION, "expiry_email_us_east_1_cdn_example_com"),
      resourceOf(out, KEY, "expiry_key_us_east_1"),
      resourceOf(out, ALIAS, "expiry_key_alias_us_east_1"),
    ].map((r) => r.provider);
    expect(providers).toEqual(Array(8).fill("aws.us_east_1"));
    expect(resourceOf(out, ALARM, "expiry_alarm_web").provider).toBeUndefined();
    expect(resourceOf(out, RULE, "expiry_events_eu_west_1").provider).toBeUndefined();
    expect(resourceOf(out, KEY, "expiry_key_eu_west_1").provider).toBeUndefined();
  });

  it("matches ACM's expiry events of that region's certificates only", () => {
    expect(json(resourceOf(out, RULE, "expiry_events_eu_west_1").event_pattern)).toEqual({
      source: ["aws.acm"],
      "detail-type": [
        "ACM Certificate Approaching Expiration",
        "ACM Certificate Expired",
        "ACM Certificate Renewal Action Required",
      ],
      resources: [arnOf("web"), arnOf("api")],
    });
    expect(json(resourceOf(out, RULE, "expiry_events_us_east_1").event_pattern)).toMatchObject({
      "detail-type": [...ACM_EXPIRY_DETAIL_TYPES],
      resources: [arnOf("cdn", "us-east-1")],
    });
    expect(resourceOf(out, RULE, "expiry_events_eu_west_1").name).toBe(
      "shop-prod-certificate-expiry",
    );
  });

  it("targets the region's topic", () => {
    expect(resourceOf(out, TARGET, "expiry_events_target_us_east_1")).toMatchObject({
      rule: "${aws_cloudwatch_event_rule.expiry_events_us_east_1.name}",
      arn: topicRef("us_east_1"),
    });
  });

  it("lets only this rule and these alarms publish to the topic", () => {
    const policy = json(resourceOf(out, POLICY, "expiry_topic_policy_eu_west_1").policy);
    const publish = (sid: string, service: string, sources: string[]) => ({
      Sid: sid,
      Effect: "Allow",
      Principal: { Service: service },
      Action: "sns:Publish",
      Resource: topicRef("eu_west_1"),
      Condition: { ArnEquals: { "aws:SourceArn": sources } },
    });
    expect(policy).toEqual({
      Version: "2012-10-17",
      Statement: [
        publish("AcmExpiryEvents", "events.amazonaws.com", [
          "${aws_cloudwatch_event_rule.expiry_events_eu_west_1.arn}",
        ]),
        publish("ExpiryAlarms", "cloudwatch.amazonaws.com", [
          "${aws_cloudwatch_metric_alarm.expiry_alarm_web.arn}",
          "${aws_cloudwatch_metric_alarm.expiry_alarm_api.arn}",
        ]),
      ],
    });
  });

  it("subscribes each address of the region once", () => {
    const endpoints = Object.entries(resourcesOf(out, SUBSCRIPTION)).map(([id, s]) => [
      id,
      s.endpoint,
      s.protocol,
      s.topic_arn,
    ]);
    expect(endpoints).toEqual([
      ["expiry_email_eu_west_1_api_example_com", "api@example.com", "email", topicRef("eu_west_1")],
      ["expiry_email_eu_west_1_ops_example_com", "ops@example.com", "email", topicRef("eu_west_1")],
      ["expiry_email_us_east_1_cdn_example_com", "cdn@example.com", "email", topicRef("us_east_1")],
    ]);
  });

  it("fails when an address repeats (ignoring case): each is subscribed once", () => {
    expect(() =>
      synth([inRegion([cert("web")], { emails: ["ops@example.com", "OPS@example.com"] })]),
    ).toThrow(
      "prod/expiry: emails of eu-west-1 repeat an address (ops@example.com, OPS@example.com); each is subscribed once.",
    );
  });

  it("encrypts each region's topic with that region's key", () => {
    expect(resourceOf(out, TOPIC, "expiry_topic_eu_west_1")).toEqual({
      name: "shop-prod-certificate-expiry",
      display_name: "Certificate expiry shop-prod",
      kms_master_key_id: keyRef("eu_west_1"),
    });
    expect(resourceOf(out, TOPIC, "expiry_topic_us_east_1").kms_master_key_id).toBe(
      keyRef("us_east_1"),
    );
  });
});

describe("the topic's key", () => {
  const out = synth([inRegion([cert("web")]), usEast1()]);
  const KEY_EU = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

  it("is rotated yearly, kept 30 days after deletion, and described by project, environment and region", () => {
    expect(resourceOf(out, KEY, "expiry_key_eu_west_1")).toMatchObject({
      enable_key_rotation: true,
      deletion_window_in_days: 30,
      description:
        "Encrypts the certificate expiry topic of project shop, environment prod, in eu-west-1 (certkit).",
    });
  });

  it("has the alias alias/certkit-<project>-<environment>-expiry in each region", () => {
    expect(resourceOf(out, ALIAS, "expiry_key_alias_eu_west_1")).toEqual({
      name: "alias/certkit-shop-prod-expiry",
      target_key_id: "${aws_kms_key.expiry_key_eu_west_1.key_id}",
    });
    expect(resourceOf(out, ALIAS, "expiry_key_alias_us_east_1").name).toBe(
      "alias/certkit-shop-prod-expiry",
    );
    const bare = synth([inRegion([cert("web")])], { namePrefix: undefined });
    expect(resourceOf(bare, ALIAS, "expiry_key_alias_eu_west_1").name).toBe(
      "alias/certkit-prod-expiry",
    );
  });

  it("lets the account administer it, and alarms of the account and EventBridge use it", () => {
    const use = ["kms:Decrypt", "kms:GenerateDataKey*"];
    expect(resourceOf(out, KEY_POLICY, "expiry_key_policy_us_east_1").key_id).toBe(
      "${aws_kms_key.expiry_key_us_east_1.key_id}",
    );
    expect(json(resourceOf(out, KEY_POLICY, "expiry_key_policy_us_east_1").policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "AccountAdministersKey",
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::123456789012:root" },
          Action: "kms:*",
          Resource: "*",
        },
        {
          Sid: "ExpiryAlarms",
          Effect: "Allow",
          Principal: { Service: "cloudwatch.amazonaws.com" },
          Action: use,
          Resource: "*",
        },
        {
          Sid: "AcmExpiryEvents",
          Effect: "Allow",
          Principal: { Service: "events.amazonaws.com" },
          Action: use,
          Resource: "*",
        },
      ],
    });
  });

  it("names the account root in the region's partition", () => {
    const gov = synth([
      inRegion([cert("web", { arn: arnOf("web", "us-gov-west-1") })], { region: "us-gov-west-1" }),
    ]);
    const policy = json(resourceOf(gov, KEY_POLICY, "expiry_key_policy_us_gov_west_1").policy) as {
      Statement: { Principal: { AWS?: string } }[];
    };
    expect(policy.Statement[0].Principal.AWS).toBe("arn:aws-us-gov:iam::123456789012:root");
  });

  it("is not created with kmsKey none: the topic stays unencrypted", () => {
    const none = synth([inRegion([cert("web"), cert("api")], { kmsKey: "none" })]);
    expectCounts(none, { [TOPIC]: 1, [KEY]: 0, [ALIAS]: 0 });
    expect(resourceOf(none, TOPIC, "expiry_topic_eu_west_1")).not.toHaveProperty(
      "kms_master_key_id",
    );
  });

  it("is not created for an existing key, which the topic then uses", () => {
    const existing = synth([inRegion([cert("web")], { kmsKey: KEY_EU })]);
    expectCounts(existing, { [TOPIC]: 1, [KEY]: 0, [ALIAS]: 0 });
    expect(resourceOf(existing, TOPIC, "expiry_topic_eu_west_1").kms_master_key_id).toBe(KEY_EU);
  });

  it("reads the account from the key's ARN when no account id is given", () => {
    const bare = synth([inRegion([cert("web")])], { accountId: undefined });
    const policy = json(resourceOf(bare, KEY_POLICY, "expiry_key_policy_eu_west_1").policy) as {
      Statement: { Principal: { AWS?: string }; Condition?: unknown }[];
    };
    expect(policy.Statement[0].Principal.AWS).toBe(
      "arn:aws:iam::${local.expiry_key_account_eu_west_1}:root",
    );
    expect(policy.Statement.map((s) => s.Condition)).toEqual([undefined, undefined, undefined]);
    expect((bare as { locals?: Record<string, string> }).locals?.expiry_key_account_eu_west_1).toBe(
      '${element(split(":", aws_kms_key.expiry_key_eu_west_1.arn), 4)}',
    );
  });

  it("fails when an existing key is not in the topic's region", () => {
    expect(() => synth([usEast1({ kmsKey: KEY_EU })])).toThrow(
      `prod/expiry: ${KEY_EU} is not a KMS key ARN in us-east-1.`,
    );
  });
});

describe("an existing topic", () => {
  const topicArn = "arn:aws:sns:eu-west-1:123456789012:ops";

  it("is notified instead of a new one, its policy and subscriptions left to its owner", () => {
    const out = synth([
      inRegion([cert("web"), cert("api")], { topicArn, emails: ["ops@example.com"] }),
    ]);
    expectCounts(out, {
      [ALARM]: 2,
      [RULE]: 1,
      [TARGET]: 1,
      [TOPIC]: 0,
      [POLICY]: 0,
      [SUBSCRIPTION]: 0,
      [KEY]: 0,
      [ALIAS]: 0,
    });
    expect(resourceOf(out, ALARM, "expiry_alarm_api")).toMatchObject({
      alarm_actions: [topicArn],
      ok_actions: [topicArn],
    });
    expect(resourceOf(out, TARGET, "expiry_events_target_eu_west_1").arn).toBe(topicArn);
  });

  it("fails when a region is named twice, since it has one topic and one event rule", () => {
    expect(() => synth([inRegion([cert("web")], { topicArn }), inRegion([cert("api")])])).toThrow(
      "prod/expiry: region eu-west-1 is named twice; its certificates share one topic and one event rule.",
    );
  });

  it("fails when the topic is not in the certificates' region", () => {
    expect(() => synth([usEast1({ topicArn })])).toThrow(
      `prod/expiry: topic ${topicArn} is not an SNS topic in us-east-1.`,
    );
  });
});

describe("names and ids", () => {
  it("keeps the rule name within EventBridge's 64 characters", () => {
    const out = synth([inRegion([cert("web")])], {
      namePrefix: "a-very-long-project-name-for-a-shop",
      environment: "production-eu",
    });
    const name = String(resourceOf(out, RULE, "expiry_events_eu_west_1").name);
    expect(name).toHaveLength(64);
    expect(name).toMatch(/^a-very-long-project-name-for-a-shop-production-eu-certi-[0-9a-f]{8}$/);
  });

  it("derives ids from names: adding a certificate or region changes no existing id", () => {
    const ids = (out: SynthJson) =>
      [ALARM, RULE, TARGET, TOPIC, POLICY, KEY, ALIAS].flatMap((t) =>
        Object.keys(resourcesOf(out, t)),
      );
    const before = ids(synth([inRegion([cert("web")])]));
    const after = ids(synth([inRegion([cert("api"), cert("web")]), usEast1()]));
    expect(before).toEqual([
      "expiry_alarm_web",
      "expiry_events_eu_west_1",
      "expiry_events_target_eu_west_1",
      "expiry_topic_eu_west_1",
      "expiry_topic_policy_eu_west_1",
      "expiry_key_eu_west_1",
      "expiry_key_alias_eu_west_1",
    ]);
    expect(after).toEqual(expect.arrayContaining(before));
  });

  it("creates nothing for no certificates", () => {
    expect(resourcesOf(synth([]), ALARM)).toEqual({});
    expect(resourcesOf(synth([]), TOPIC)).toEqual({});
  });
});

describe("in the environment stack", () => {
  const config = yaml`
    project: shop
    cloudflare: { zones: { example.com: { zoneId: 0123456789abcdef0123456789abcdef } } }
    defaults: { region: eu-west-1, alarm: { emails: [ops@example.com] } }
    environments:
      prod:
        accountId: "123456789012"
        certificates:
          web: { domains: [example.com, "*.example.com"] }
          api: { domains: [api.example.com] }
          old: { domains: [old.example.com], alarm: { enabled: false } }
  `;
  const out = synthEnvironment(config);

  it("points each alarm at its certificate as requested, not at the validation", () => {
    expect(resourceOf(out, ALARM, "expiry_alarm_web").dimensions).toEqual({
      CertificateArn: "${aws_acm_certificate.web.arn}",
    });
    expect(json(resourceOf(out, RULE, "expiry_events_eu_west_1").event_pattern).resources).toEqual([
      "${aws_acm_certificate.web.arn}",
      "${aws_acm_certificate.api.arn}",
    ]);
  });

  it("subscribes an address the region's certificates repeat (in any case) once", () => {
    const repeated = synthEnvironment(yaml`
      cloudflare: { zones: { example.com: { zoneId: 0123456789abcdef0123456789abcdef } } }
      defaults: { region: eu-west-1, alarm: { emails: [ops@example.com] } }
      environments:
        prod:
          certificates:
            web: { domains: [example.com] }
            api: { domains: [api.example.com], alarm: { emails: [OPS@example.com, Ops@Example.com] } }
    `);
    expect(Object.values(resourcesOf(repeated, SUBSCRIPTION)).map((s) => s.endpoint)).toEqual([
      "ops@example.com",
    ]);
  });

  it("leaves out certificates whose alarm is off", () => {
    expect(Object.keys(resourcesOf(out, ALARM))).toEqual(["expiry_alarm_api", "expiry_alarm_web"]);
  });

  it("outputs each alarm's name and ARN, and the topic and key of each region", () => {
    expect(out.output?.expiry_alarm_web).toMatchObject({
      value: {
        name: "${aws_cloudwatch_metric_alarm.expiry_alarm_web.alarm_name}",
        arn: "${aws_cloudwatch_metric_alarm.expiry_alarm_web.arn}",
      },
    });
    expect(out.output?.expiry_topic_arn_eu_west_1).toMatchObject({ value: topicRef("eu_west_1") });
    expect(out.output?.expiry_key_arn_eu_west_1).toMatchObject({ value: keyRef("eu_west_1") });
    expect(out.output?.expiry_alarm_old).toBeUndefined();
  });
});
