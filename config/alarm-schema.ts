// Config of the expiry alarm and ACM event routing (`alarm`), in defaults, an
// environment or a certificate. Part of the schema in schema.ts. Every key is
// optional here so that the levels can merge key by key (resolve-alarm.ts);
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
        description: `Alarm when fewer days than this remain, 1 to ${MAX_DAYS_BEFORE_EXPIRY}. @default ${DEFAULT_DAYS_BEFORE_EXPIRY}`,
        // For editors only: alarm-rules.ts reports values out of range.
        minimum: 1,
        maximum: MAX_DAYS_BEFORE_EXPIRY,
      }),
    emails: z.array(z.string()).optional().meta({
      description:
        "Email addresses subscribed to the environment's expiry topic in the certificate's region; each confirms once by email. @default - none (a warning)",
    }),
    topicArn: z.string().optional().meta({
      description:
        "An existing SNS topic in the certificate's region to notify instead of creating one. @default - one topic per environment and region",
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
