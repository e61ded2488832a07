// Offline plan of an environment's expiry watch: real terraform and AWS provider,
// Cloudflare stood in. One plan, every assertion on it. The topics' KMS keys need
// no API call at plan time: their policy names the account from accountId.
import { loadConfigText } from "../../config/load";
import {
  KNOWN_AFTER_APPLY,
  type Json,
  type PlanResult,
  describePlan,
  environmentStackJson,
  planStack,
} from "./harness";
import { configured, plannedCreate, providerRegions } from "./plan-queries";

// web and api in the environment's region; cdn served by CloudFront, so in us-east-1.
const CONFIG = `
project: shop
cloudflare: { zones: { example.com: { zoneId: 0123456789abcdef0123456789abcdef } } }
defaults: { region: eu-west-1, alarm: { emails: [ops@example.com] } }
environments:
  prod:
    accountId: "123456789012"
    certificates:
      web: { domains: [example.com, "*.example.com"] }
      api: { domains: [api.example.com], alarm: { daysBeforeExpiry: 30 } }
      cdn:
        domains: [cdn.example.com]
        attach: { cloudfront: { origin: origin.example.com } }
`;

const stackJson = (config = CONFIG) =>
  environmentStackJson(loadConfigText(config).config.environments[0]);

describePlan("expiry alarms and events, planned offline", () => {
  let plan: PlanResult;
  beforeAll(async () => {
    plan = await planStack(stackJson());
  });

  const planned = (address: string) => plannedCreate(plan, address);
  const arnReferences = (address: string, argument: string) =>
    (configured(plan, address).expressions[argument]?.references ?? []).filter((r) =>
      r.endsWith(".arn"),
    );

  it("plans one alarm per certificate, one topic, rule and target per region", () => {
    const count = (type: string) =>
      plan
        .byType(type)
        .map((r) => r.address)
        .sort();
    expect(count("aws_cloudwatch_metric_alarm")).toEqual([
      "aws_cloudwatch_metric_alarm.expiry_alarm_api",
      "aws_cloudwatch_metric_alarm.expiry_alarm_cdn",
      "aws_cloudwatch_metric_alarm.expiry_alarm_web",
    ]);
    for (const type of ["aws_sns_topic", "aws_sns_topic_policy", "aws_cloudwatch_event_rule"]) {
      expect(count(type)).toHaveLength(2);
    }
    expect(count("aws_cloudwatch_event_target")).toEqual([
      "aws_cloudwatch_event_target.expiry_events_target_eu_west_1",
      "aws_cloudwatch_event_target.expiry_events_target_us_east_1",
    ]);
    expect(count("aws_sns_topic_subscription")).toHaveLength(2);
  });

  it("points each alarm's CertificateArn dimension at its own certificate", () => {
    for (const name of ["web", "api", "cdn"]) {
      const address = `aws_cloudwatch_metric_alarm.expiry_alarm_${name}`;
      expect(arnReferences(address, "dimensions")).toEqual([`aws_acm_certificate.${name}.arn`]);
      expect(planned(address)).toMatchObject({
        namespace: "AWS/CertificateManager",
        metric_name: "DaysToExpiry",
        // A map holding an unknown value is unknown as a whole in the plan.
        dimensions: KNOWN_AFTER_APPLY,
        statistic: "Minimum",
        period: 86400,
        comparison_operator: "LessThanThreshold",
        threshold: name === "api" ? 30 : 45,
        treat_missing_data: "breaching",
      });
    }
  });

  it("creates the us-east-1 certificate's alarm, rule, target and topic through the us-east-1 provider", () => {
    const provider = (address: string) => configured(plan, address).provider_config_key;
    expect(
      [
        "aws_acm_certificate.cdn",
        "aws_cloudwatch_metric_alarm.expiry_alarm_cdn",
        "aws_cloudwatch_event_rule.expiry_events_us_east_1",
        "aws_cloudwatch_event_target.expiry_events_target_us_east_1",
        "aws_sns_topic.expiry_topic_us_east_1",
        "aws_sns_topic_policy.expiry_topic_policy_us_east_1",
      ].map(provider),
    ).toEqual(Array(6).fill("aws.us_east_1"));
    expect(
      [
        "aws_cloudwatch_metric_alarm.expiry_alarm_web",
        "aws_cloudwatch_event_rule.expiry_events_eu_west_1",
        "aws_sns_topic.expiry_topic_eu_west_1",
      ].map(provider),
    ).toEqual(["aws", "aws", "aws"]);
    expect(providerRegions(plan)).toEqual({ aws: "eu-west-1", "aws.us_east_1": "us-east-1" });
  });

  it("matches ACM's three expiry events for the region's own certificates", () => {
    expect(
      arnReferences("aws_cloudwatch_event_rule.expiry_events_eu_west_1", "event_pattern"),
    ).toEqual(["aws_acm_certificate.web.arn", "aws_acm_certificate.api.arn"]);
    expect(
      arnReferences("aws_cloudwatch_event_rule.expiry_events_us_east_1", "event_pattern"),
    ).toEqual(["aws_acm_certificate.cdn.arn"]);
    // The pattern holds ARNs known only after apply: the detail types are read from what was planned.
    expect(planned("aws_cloudwatch_event_rule.expiry_events_eu_west_1").event_pattern).toBe(
      KNOWN_AFTER_APPLY,
    );
    const rules = (plan.prepared.resource as Json).aws_cloudwatch_event_rule as Record<
      string,
      Json
    >;
    expect(JSON.parse(String(rules.expiry_events_us_east_1.event_pattern))).toEqual({
      source: ["aws.acm"],
      "detail-type": [
        "ACM Certificate Approaching Expiration",
        "ACM Certificate Expired",
        "ACM Certificate Renewal Action Required",
      ],
      resources: ["${aws_acm_certificate.cdn.arn}"],
    });
  });

  it("lets the region's rule and alarms publish to the topic", () => {
    expect(arnReferences("aws_sns_topic_policy.expiry_topic_policy_us_east_1", "policy")).toEqual([
      "aws_sns_topic.expiry_topic_us_east_1.arn",
      "aws_cloudwatch_event_rule.expiry_events_us_east_1.arn",
      "aws_sns_topic.expiry_topic_us_east_1.arn",
      "aws_cloudwatch_metric_alarm.expiry_alarm_cdn.arn",
    ]);
  });

  it("encrypts each region's topic with a key of its own, created through that region's provider", () => {
    const provider = (address: string) => configured(plan, address).provider_config_key;
    for (const [region, key] of [
      ["eu_west_1", "aws"],
      ["us_east_1", "aws.us_east_1"],
    ]) {
      const keyAddress = `aws_kms_key.expiry_key_${region}`;
      const aliasAddress = `aws_kms_alias.expiry_key_alias_${region}`;
      expect([provider(keyAddress), provider(aliasAddress)]).toEqual([key, key]);
      expect(planned(keyAddress)).toMatchObject({
        enable_key_rotation: true,
        deletion_window_in_days: 30,
        arn: KNOWN_AFTER_APPLY,
      });
      expect(planned(aliasAddress)).toMatchObject({ name: "alias/certkit-shop-prod-expiry" });
      expect(arnReferences(`aws_sns_topic.expiry_topic_${region}`, "kms_master_key_id")).toEqual([
        `${keyAddress}.arn`,
      ]);
      expect(planned(`aws_sns_topic.expiry_topic_${region}`)).toMatchObject({
        name: "shop-prod-certificate-expiry",
        kms_master_key_id: KNOWN_AFTER_APPLY,
      });
    }
    expect(plan.byType("aws_kms_key")).toHaveLength(2);
  });

  it("plans the key policy as written: the account, CloudWatch alarms and EventBridge", () => {
    const policy = JSON.parse(
      String(planned("aws_kms_key_policy.expiry_key_policy_us_east_1").policy),
    ) as {
      Statement: { Sid: string; Principal: unknown; Condition?: unknown }[];
    };
    expect(policy.Statement.map((s) => [s.Sid, s.Principal, s.Condition])).toEqual([
      ["AccountAdministersKey", { AWS: "arn:aws:iam::123456789012:root" }, undefined],
      ["ExpiryAlarms", { Service: "cloudwatch.amazonaws.com" }, undefined],
      ["AcmExpiryEvents", { Service: "events.amazonaws.com" }, undefined],
    ]);
  });
});

describePlan("a created key without a configured accountId, planned offline", () => {
  let plan: PlanResult;
  beforeAll(async () => {
    plan = await planStack(stackJson(CONFIG.replace(/ {4}accountId: "123456789012"\n/, "")));
  });

  it("plans the key policy with the account read from the key's ARN at apply", () => {
    expect(plannedCreate(plan, "aws_kms_key_policy.expiry_key_policy_eu_west_1").policy).toBe(
      KNOWN_AFTER_APPLY,
    );
    expect(
      configured(plan, "aws_kms_key_policy.expiry_key_policy_eu_west_1").expressions.policy
        .references,
    ).toContain("local.expiry_key_account_eu_west_1");
  });
});
