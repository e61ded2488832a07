// Config of the expiry alarm and ACM event routing (`alarm`), in defaults, an
// environment or a certificate. Part of the schema in schema.ts. Every key is
// optional here so that the levels can merge key by key (config/derive.ts);
// ranges and formats are checked in alarm-rules.ts, which can say how to fix them.
import { z } from "zod";

export const DEFAULT_DAYS_BEFORE_EXPIRY = 45;
/** Public certificates live 198 days (CA/Browser Forum SC-081): a larger threshold alarms at issuance. */
export const MAX_DAYS_BEFORE_EXPIRY = 197;

export const AlarmSchema = z
  .strictObject({
    daysBeforeExpiry: z
      .number()
      .optional()
      .meta({
        description: `Alarm when fewer days than this remain: a whole number from 1 to ${MAX_DAYS_BEFORE_EXPIRY} (public certificates live 198 days). Above 60 warns: ACM starts renewing 60 days before expiry, so the alarm would fire every cycle. @default ${DEFAULT_DAYS_BEFORE_EXPIRY}`,
        // For editors only: alarm-rules.ts reports values out of range.
        minimum: 1,
        maximum: MAX_DAYS_BEFORE_EXPIRY,
      }),
    emails: z.array(z.string()).optional().meta({
      description:
        "Email addresses subscribed to the environment's expiry topic in the certificate's region; each confirms once by email. Certificates of one region share the topic, so their addresses add up. @default - none (a warning says nobody is notified)",
    }),
    topicArn: z.string().optional().meta({
      description:
        "An existing SNS topic in the certificate's region to notify instead: certkit then creates no topic and no subscriptions and leaves its policy alone. @default - one topic per environment and region",
    }),
    kmsKey: z
      .string()
      .optional()
      .meta({
        description:
          "How the expiry topic certkit creates is encrypted: create (a customer managed KMS key per environment and region, about 1 USD a month each), none (not encrypted, a warning), or the ARN of an existing key in the certificate's region whose key policy lets cloudwatch.amazonaws.com and events.amazonaws.com use it. One key per region. No effect with topicArn (a warning). @default create",
        examples: [
          "create",
          "none",
          "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        ],
      }),
    enabled: z.boolean().optional().meta({
      description:
        "false: no alarm and no event routing (a warning names the certificate). @default true",
    }),
  })
  .meta({
    description:
      "Expiry alarm and ACM expiry events. Keys merge one by one: certificate over environment over defaults.",
  });

export type AlarmConfig = z.infer<typeof AlarmSchema>;

/** `alarm.kmsKey`: certkit creates the topic's key, leaves the topic unencrypted, or uses this key ARN. */
export type KmsKeySetting = "create" | "none" | (string & {});
export const DEFAULT_KMS_KEY: KmsKeySetting = "create";
