// The environment stack's expiry watch: its certificates, planned by region
// (domains/expiry-topics.ts), handed to ExpiryAlarm,
// and the outputs people look the alarms, topics and keys up by.
import type { TerraformProvider, TerraformStack } from "cdktf";
import { regionIdPart } from "../domains/aws-names";
import { planExpiryTopics } from "../domains/expiry-topics";
import type { ResolvedEnvironment } from "../config/resolve";
import type { Certificate } from "../modules/certificate";
import { ExpiryAlarm } from "../modules/expiry-alarm";
import type { Outputs } from "./outputs";

export function addExpiryWatch(
  stack: TerraformStack,
  outputs: Outputs,
  env: ResolvedEnvironment,
  certificates: ReadonlyMap<string, Certificate>,
  providerFor: (region: string) => TerraformProvider | undefined,
): ExpiryAlarm {
  const watch = new ExpiryAlarm(stack, "expiry", {
    environment: env.name,
    namePrefix: env.tags.project,
    regions: planExpiryTopics(env.certificates.filter((c) => c.alarm.enabled)).map(
      ({ region, topic }) => {
        // The config rules refuse what leaves a region without one topic.
        if (!topic) throw new Error(`${env.name}: conflicting alarm settings in ${region}.`);
        return {
          region,
          certificates: topic.certificates.map((c) => ({
            name: c.name,
            domains: c.domains,
            // Not the validated ARN: the alarm need not wait for issuance.
            arn: certificates.get(c.name)!.requestedArn,
            daysBeforeExpiry: c.alarm.daysBeforeExpiry,
            privateCa: c.certificateAuthorityArn !== undefined,
          })),
          topicArn: topic.topicArn,
          kmsKey: topic.kmsKey,
          emails: topic.emails,
        };
      },
    ),
    accountId: env.accountId,
    providerFor,
  });
  for (const [name, alarm] of watch.alarms) {
    outputs.add(`expiry_alarm_${name}`, {
      value: { name: alarm.alarmName, arn: alarm.arn },
      description: `DaysToExpiry alarm of certificate ${name}.`,
    });
  }
  for (const [region, arn] of watch.topicArns) {
    outputs.add(`expiry_topic_arn_${regionIdPart(region)}`, {
      value: arn,
      description: `SNS topic notified of certificate expiry in ${region}.`,
    });
  }
  for (const [region, arn] of watch.keyArns) {
    outputs.add(`expiry_key_arn_${regionIdPart(region)}`, {
      value: arn,
      description: `KMS key encrypting the certificate expiry topic in ${region}.`,
    });
  }
  return watch;
}
