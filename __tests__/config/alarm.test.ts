// The `alarm` settings: how the levels merge, and every check with its message.
import { parse } from "yaml";
import { alarmedEnvironments } from "../../config/alarm-regions";
import { checkPlacementOf } from "../../config/alarm-rules";
import type { ConfigIssue } from "../../config/issues";
import { formatPath } from "../../config/issues";
import { ConfigSchema } from "../../config/schema";
import { TEST_ACCOUNT_ID, environmentOf, expectProblems, load, warningsOf, yaml } from "../helpers";

const TOPIC_EU = "arn:aws:sns:eu-west-1:123456789012:ops";
const TOPIC_US = "arn:aws:sns:us-east-1:123456789012:ops";

/**
 * prod in eu-west-1 with certificates web and api; `prod` is a line under prod.
 * `account` comes last (line 15), so that it moves no other line.
 */
const config = (
  defaults: string,
  prod: string,
  web = "",
  api = "",
  account = `accountId: "${TEST_ACCOUNT_ID}"`,
) => yaml`
  cloudflare: { zones: { example.com: {} } }
  defaults:
    region: eu-west-1
    ${defaults}
  environments:
    prod:
      ${prod}
      certificates:
        web:
          domains: [example.com, "*.example.com"]
          ${web}
        api:
          domains: [api.example.com]
          ${api}
      ${account}
`;

/** Warnings about alarms (other features warn too, e.g. about certificates not attached). */
const alarmWarnings = (text: string) => warningsOf(text).filter((w) => /alarm|notified/.test(w));

/**
 * Placement findings when certificates live in other regions than the environment
 * (CloudFront certificates live in us-east-1), whichever feature decides that.
 */
function placement(text: string, regions: Record<string, "us-east-1">) {
  const cfg = ConfigSchema.parse(parse(text));
  const environments = alarmedEnvironments(cfg).map((env) => ({
    ...env,
    // A certificate moved to us-east-1 here stands for a CloudFront one.
    certificates: env.certificates.map((c) =>
      regions[c.name]
        ? {
            ...c,
            region: regions[c.name],
            usEast1: "CloudFront takes certificates from us-east-1 only",
          }
        : c,
    ),
  }));
  const { issues, warnings } = checkPlacementOf(cfg, environments);
  const line = (i: ConfigIssue) => `${formatPath(i.path)}: ${i.message}`;
  return { issues: issues.map(line), warnings: warnings.map(line) };
}

describe("merging", () => {
  it("takes each key from the most specific level that sets it", () => {
    const env = environmentOf(
      config(
        "alarm: { daysBeforeExpiry: 30, emails: [ops@example.com] }",
        "alarm: { daysBeforeExpiry: 20 }",
        "alarm: { emails: [web@example.com, Web@Example.com] }",
      ),
    );
    const [web, api] = env.certificates;
    expect(web.alarm).toEqual({
      enabled: true,
      daysBeforeExpiry: 20,
      // As written: the region's topic plan drops repeats (domains/expiry-topics.ts).
      emails: ["web@example.com", "Web@Example.com"],
      kmsKey: "create",
    });
    expect(api.alarm).toEqual({
      enabled: true,
      daysBeforeExpiry: 20,
      emails: ["ops@example.com"],
      kmsKey: "create",
    });
  });

  it("defaults to 45 days, no emails, enabled, a key created for the topic", () => {
    const [web] = environmentOf(
      config("", "", "", "alarm: { emails: [ops@example.com] }"),
    ).certificates;
    expect(web.alarm).toEqual({
      enabled: true,
      daysBeforeExpiry: 45,
      emails: [],
      kmsKey: "create",
    });
  });

  it("lets a certificate opt out of an environment's topic with its own", () => {
    const [web, api] = environmentOf(
      config("", `alarm: { topicArn: "${TOPIC_EU}" }`, "alarm: { enabled: false }"),
    ).certificates;
    expect(web.alarm).toEqual({
      enabled: false,
      daysBeforeExpiry: 45,
      emails: [],
      topicArn: TOPIC_EU,
      kmsKey: "create",
    });
    expect(api.alarm.topicArn).toBe(TOPIC_EU);
  });
});

describe("values", () => {
  it.each([0, 198, 12.5])("fails when daysBeforeExpiry is %s", (days) => {
    expectProblems(config(`alarm: { daysBeforeExpiry: ${days}, emails: [ops@example.com] }`, ""), [
      `defaults.alarm.daysBeforeExpiry (line 4, column 30): must be a whole number of days from 1 to 197 (public certificates live 198 days), got ${days}. Fix: use a value in that range, such as 45 (the default).`,
    ]);
  });

  it("accepts 1 and 197 days", () => {
    expect(() =>
      load(config("alarm: { emails: [ops@example.com] }", "", "alarm: { daysBeforeExpiry: 1 }")),
    ).not.toThrow();
    expect(() =>
      load(config("alarm: { emails: [ops@example.com] }", "", "alarm: { daysBeforeExpiry: 197 }")),
    ).not.toThrow();
  });

  it("warns when the alarm would fire before ACM starts renewing", () => {
    expect(
      alarmWarnings(
        config("alarm: { emails: [ops@example.com] }", "alarm: { daysBeforeExpiry: 90 }"),
      ),
    ).toEqual([
      "environments.prod.alarm.daysBeforeExpiry (line 7, column 32): 90 days is more than the 60 days before expiry at which ACM starts renewing, so the alarm fires for every certificate in every cycle. Use 60 or less.",
    ]);
  });

  it("fails for each address that is not an email address", () => {
    expectProblems(config("", "", "alarm: { emails: [ops@example.com, ops, ops@localhost] }"), [
      'environments.prod.certificates.web.alarm.emails[1] (line 11, column 44): is not an email address, got "ops". Fix: write one full address, such as ops@example.com.',
      'environments.prod.certificates.web.alarm.emails[2] (line 11, column 49): is not an email address, got "ops@localhost". Fix: write one full address, such as ops@example.com.',
    ]);
  });

  it("fails when topicArn is not an SNS topic ARN", () => {
    expectProblems(config("", "alarm: { topicArn: arn:aws:sqs:eu-west-1:123456789012:ops }"), [
      'environments.prod.alarm.topicArn (line 7, column 24): is not an SNS topic ARN, got "arn:aws:sqs:eu-west-1:123456789012:ops". Fix: copy the topic\'s ARN, of the form arn:aws:sns:<region>:<12-digit account id>:<topic name>.',
    ]);
  });

  it("fails when topicArn names the wrong partition for its region", () => {
    expectProblems(config("", "alarm: { topicArn: arn:aws:sns:us-gov-west-1:123456789012:ops }"), [
      'environments.prod.alarm.topicArn (line 7, column 24): names partition aws, but region us-gov-west-1 is in partition aws-us-gov, got "arn:aws:sns:us-gov-west-1:123456789012:ops". Fix: write arn:aws-us-gov:sns:us-gov-west-1:...',
    ]);
  });
  it("reports every bad value of a file at once, in file order", () => {
    expectProblems(
      config(
        "alarm: { emails: [ops] }",
        "alarm: { daysBeforeExpiry: 200 }",
        "",
        "alarm: { topicArn: nope }",
      ),
      [
        'defaults.alarm.emails[0] (line 4, column 21): is not an email address, got "ops". Fix: write one full address, such as ops@example.com.',
        "environments.prod.alarm.daysBeforeExpiry (line 7, column 32): must be a whole number of days from 1 to 197 (public certificates live 198 days), got 200. Fix: use a value in that range, such as 45 (the default).",
        'environments.prod.certificates.api.alarm.topicArn (line 14, column 28): is not an SNS topic ARN, got "nope". Fix: copy the topic\'s ARN, of the form arn:aws:sns:<region>:<12-digit account id>:<topic name>.',
      ],
    );
  });
});

describe("where topics live", () => {
  it("fails when the topic is in another region than its certificate", () => {
    expectProblems(config("", "alarm: { topicArn: arn:aws:sns:eu-west-2:123456789012:ops }"), [
      "environments.prod.alarm.topicArn (line 7, column 24): the topic is in eu-west-2, but certificates web, api live in eu-west-1; alarms and ACM events reach only a topic in the certificate's region. Fix: set alarm.topicArn on those certificates to a topic in eu-west-1.",
    ]);
  });

  it("fails when an environment's topic is inherited by a CloudFront certificate in us-east-1", () => {
    const text = config("", `alarm: { topicArn: "${TOPIC_EU}" }`);
    expect(placement(text, { api: "us-east-1" }).issues).toEqual([
      "environments.prod.alarm.topicArn: the topic is in eu-west-1, but certificate api lives in us-east-1 (not the environment's eu-west-1: CloudFront takes certificates from us-east-1 only); alarms and ACM events reach only a topic in the certificate's region. Fix: set alarm.topicArn on that certificate to a topic in us-east-1.",
    ]);
  });

  it("accepts a certificate's own topic in us-east-1 next to the environment's", () => {
    const text = config(
      "",
      `alarm: { topicArn: "${TOPIC_EU}" }`,
      "",
      `alarm: { topicArn: "${TOPIC_US}" }`,
    );
    expect(placement(text, { api: "us-east-1" })).toEqual({ issues: [], warnings: [] });
  });

  it("fails when a certificate's own topic is in another region, saying to use one in its region", () => {
    const text = config(
      "alarm: { emails: [ops@example.com] }",
      "",
      "",
      `alarm: { topicArn: "${TOPIC_EU}" }`,
    );
    expect(placement(text, { api: "us-east-1" }).issues).toEqual([
      "environments.prod.certificates.api.alarm.topicArn: the topic is in eu-west-1, but certificate api lives in us-east-1 (not the environment's eu-west-1: CloudFront takes certificates from us-east-1 only); alarms and ACM events reach only a topic in the certificate's region. Fix: use a topic in us-east-1.",
    ]);
  });

  it("fails when certificates of one region notify different topics", () => {
    expectProblems(
      config("alarm: { emails: [ops@example.com] }", "", `alarm: { topicArn: "${TOPIC_EU}" }`),
      [
        `environments.prod.certificates (line 9, column 7): certificates in eu-west-1 notify different topics (web -> ${TOPIC_EU}, api -> the environment's own topic); an environment has one expiry topic per region. Fix: give them the same alarm.topicArn, or none.`,
      ],
    );
  });
});

describe("warnings", () => {
  it("names each certificate whose alarm is off, and where it was turned off", () => {
    expect(
      alarmWarnings(
        config("alarm: { emails: [ops@example.com] }", "", "alarm: { enabled: false }"),
      ),
    ).toEqual([
      "environments.prod.certificates.web (line 10, column 9): certificate web (example.com, *.example.com) has no expiry alarm and no ACM event routing (environments.prod.certificates.web.alarm.enabled is false); a failed renewal goes unnoticed until browsers refuse the certificate.",
    ]);
  });

  it("warns per region when nobody is notified, and still builds the alarms", () => {
    const text = config("", "");
    expect(alarmWarnings(text)).toEqual([
      "environments.prod (line 8, column 5): nobody is notified of certificate expiry in eu-west-1: certificates web, api set neither alarm.emails nor alarm.topicArn. The alarms, the event rule and the topic are still created; set alarm.emails (in defaults to cover every environment) or subscribe to the topic.",
    ]);
    expect(environmentOf(text).certificates.map((c) => c.alarm.enabled)).toEqual([true, true]);
  });

  it("does not warn about a region when one certificate there has an address", () => {
    expect(alarmWarnings(config("", "", "alarm: { emails: [web@example.com] }"))).toEqual([]);
  });

  it("warns when emails are not subscribed because an existing topic is notified", () => {
    expect(
      alarmWarnings(
        config("alarm: { emails: [ops@example.com] }", `alarm: { topicArn: "${TOPIC_EU}" }`),
      ),
    ).toEqual([
      `environments.prod (line 7, column 5): alarm.emails of certificates web, api are not subscribed, because they notify the existing topic ${TOPIC_EU}. Subscribe the addresses to that topic yourself, or drop one of the two settings.`,
    ]);
  });
});

describe("topic encryption (kmsKey)", () => {
  const KEY_EU = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  const KEY_US = "arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab";
  const OPS = "alarm: { emails: [ops@example.com] }";

  it("accepts create, none and a key ARN in the certificates' region", () => {
    const kmsKey = (value: string) =>
      environmentOf(config(OPS, `alarm: { kmsKey: "${value}" }`)).certificates.map(
        (c) => c.alarm.kmsKey,
      );
    expect(kmsKey("create")).toEqual(["create", "create"]);
    expect(kmsKey("none")).toEqual(["none", "none"]);
    expect(kmsKey(KEY_EU)).toEqual([KEY_EU, KEY_EU]);
  });

  it("fails when kmsKey is neither create, none nor a key ARN", () => {
    expectProblems(config("", "alarm: { kmsKey: Create }"), [
      'environments.prod.alarm.kmsKey (line 7, column 22): must be create, none or a KMS key ARN, got "Create". Fix: write one of them; a key ARN (not an alias) has the form arn:aws:kms:<region>:<12-digit account id>:key/<key id>.',
    ]);
  });

  it("fails when kmsKey is an alias", () => {
    expectProblems(config("", "", "alarm: { kmsKey: alias/ops }"), [
      'environments.prod.certificates.web.alarm.kmsKey (line 11, column 26): must be create, none or a KMS key ARN, got "alias/ops". Fix: write one of them; a key ARN (not an alias) has the form arn:aws:kms:<region>:<12-digit account id>:key/<key id>.',
    ]);
  });

  it("fails when kmsKey is the AWS managed key, which alarms and EventBridge cannot use", () => {
    expectProblems(config("alarm: { kmsKey: alias/aws/sns }", ""), [
      'defaults.alarm.kmsKey (line 4, column 20): is an AWS managed key, whose key policy lets neither CloudWatch alarms nor EventBridge use it, so every notification would be dropped, got "alias/aws/sns". Fix: leave alarm.kmsKey out (certkit creates a key both may use), or write the ARN of a customer managed key.',
    ]);
  });

  it("fails when the key ARN names the wrong partition for its region", () => {
    const arn = KEY_EU.replace("arn:aws:kms:eu-west-1", "arn:aws:kms:cn-north-1");
    expectProblems(config("", `alarm: { kmsKey: "${arn}" }`), [
      `environments.prod.alarm.kmsKey (line 7, column 22): names partition aws, but region cn-north-1 is in partition aws-cn, got "${arn}". Fix: write arn:aws-cn:kms:cn-north-1:...`,
    ]);
  });

  it("fails when the key is in another region than its certificates", () => {
    const arn = KEY_EU.replace("eu-west-1", "eu-west-2");
    expectProblems(config(OPS, `alarm: { kmsKey: "${arn}" }`), [
      "environments.prod.alarm.kmsKey (line 7, column 22): the key is in eu-west-2, but certificates web, api live in eu-west-1; SNS encrypts a topic only with a key in the topic's region. Fix: set alarm.kmsKey on those certificates to a key in eu-west-1.",
    ]);
  });

  it("fails when an environment's key is inherited by a CloudFront certificate in us-east-1", () => {
    const text = config(OPS, `alarm: { kmsKey: "${KEY_EU}" }`);
    expect(placement(text, { api: "us-east-1" }).issues).toEqual([
      "environments.prod.alarm.kmsKey: the key is in eu-west-1, but certificate api lives in us-east-1 (not the environment's eu-west-1: CloudFront takes certificates from us-east-1 only); SNS encrypts a topic only with a key in the topic's region. Fix: set alarm.kmsKey on that certificate to a key in us-east-1.",
    ]);
    const own = config(OPS, `alarm: { kmsKey: "${KEY_EU}" }`, "", `alarm: { kmsKey: "${KEY_US}" }`);
    expect(placement(own, { api: "us-east-1" })).toEqual({ issues: [], warnings: [] });
  });

  it("fails when certificates of one region set different keys", () => {
    expectProblems(config(OPS, "", "alarm: { kmsKey: none }"), [
      "environments.prod.certificates (line 9, column 7): certificates in eu-west-1 set different alarm.kmsKey values (web -> none, api -> create); the environment's expiry topic there has one key. Fix: give them the same alarm.kmsKey.",
    ]);
  });

  it("needs no accountId: a created key's policy reads the account from the key", () => {
    const without = (prod: string) => () => load(config(OPS, prod, "", "", ""));
    expect(without("")).not.toThrow();
    expect(without("alarm: { kmsKey: none }")).not.toThrow();
    expect(without(`alarm: { kmsKey: "${KEY_EU}" }`)).not.toThrow();
    expect(without(`alarm: { topicArn: "${TOPIC_EU}" }`)).not.toThrow();
  });

  it("takes accountId from defaults", () => {
    expect(() => load(config(`accountId: "${TEST_ACCOUNT_ID}"`, OPS, "", "", ""))).not.toThrow();
  });

  it("warns that notifications stay in cleartext with kmsKey none, naming environment and region", () => {
    expect(alarmWarnings(config(OPS, "alarm: { kmsKey: none }"))).toEqual([
      "environments.prod (line 7, column 5): the expiry topic in eu-west-1 is not encrypted (alarm.kmsKey is none at environments.prod.alarm.kmsKey): notifications about certificates web, api stay in cleartext at rest. Leave alarm.kmsKey out to have certkit create a key (about 1 USD a month), or name an existing key's ARN.",
    ]);
  });

  it("warns when a kmsKey reaches only certificates that notify an existing topic", () => {
    const text = config(OPS, `alarm: { topicArn: "${TOPIC_EU}", kmsKey: none }`);
    expect(alarmWarnings(text)).toContain(
      `environments.prod.alarm.kmsKey (line 7, column 74): has no effect on certificates web, api: they notify the existing topic ${TOPIC_EU}, whose encryption is up to its owner. Remove alarm.kmsKey there.`,
    );
  });

  it("names environment and certificate when a defaults kmsKey reaches only existing topics", () => {
    const text = config(
      "alarm: { emails: [ops@example.com], kmsKey: none }",
      `alarm: { topicArn: "${TOPIC_EU}" }`,
    );
    expect(alarmWarnings(text).filter((w) => w.includes("has no effect"))).toEqual([
      `defaults.alarm.kmsKey (line 4, column 47): has no effect on certificates prod.web, prod.api: they notify the existing topic ${TOPIC_EU}, whose encryption is up to its owner. Remove alarm.kmsKey there.`,
    ]);
  });

  it("does not warn about a defaults kmsKey that a topic certkit creates uses", () => {
    const text = yaml`
      cloudflare: { zones: { example.com: {} } }
      defaults: { region: eu-west-1, alarm: { emails: [ops@example.com], kmsKey: none } }
      environments:
        staging:
          certificates: { web: { domains: [staging.example.com] } }
        prod:
          alarm: { topicArn: "${TOPIC_EU}" }
          certificates: { web: { domains: [example.com] } }
    `;
    expect(alarmWarnings(text).filter((w) => w.includes("has no effect"))).toEqual([]);
  });
});
