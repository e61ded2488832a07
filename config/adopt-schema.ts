// `environments.<env>.adopt`: resources made by hand that the environment's stack
// takes over with Terraform import blocks (see docs/adopt.md). Part of schema.ts.
import { z } from "zod";

/** Cloudflare's DNS record ids: 32 lowercase hex characters. */
export const CLOUDFLARE_RECORD_ID = /^[0-9a-f]{32}$/;

const recordId = z
  .string()
  .regex(CLOUDFLARE_RECORD_ID, {
    error:
      "a Cloudflare record id must be 32 lowercase hex characters, quoted Fix: copy the record's id from Cloudflare's API in lowercase and quotes, or let `npx certkit adopt <env>` write it.",
  })
  .meta({ description: "Cloudflare DNS record id: 32 hex characters, quoted." });

export const AdoptSchema = z
  .strictObject({
    certificates: z.record(z.string(), z.string()).optional().meta({
      description:
        "ACM certificates made by hand, by certificate name: name -> ARN (in the certificate's region, us-east-1 for CloudFront, and the environment's account).",
    }),
    validationRecords: z.record(z.string(), recordId).optional().meta({
      description:
        "Validation CNAMEs made by hand, by the name they validate (without `*.`): name -> Cloudflare record id.",
    }),
    hostnames: z.record(z.string(), recordId).optional().meta({
      description: "App records made by hand, by hostname: hostname -> Cloudflare record id.",
    }),
  })
  .meta({
    description:
      "Take over what exists: each entry becomes a Terraform import block to the address certkit uses. `npx certkit adopt <env>` writes this section. @default - nothing adopted",
  });

export type AdoptConfig = z.infer<typeof AdoptSchema>;
