// `environments.<env>.adopt`: resources made by hand that the environment's stack
// takes over with Terraform import blocks (see docs/adopt.md). Part of schema.ts.
import { z } from "zod";

/** Cloudflare's DNS record ids: 32 lowercase hex characters. */
export const CLOUDFLARE_RECORD_ID = /^[0-9a-f]{32}$/;
/**
 * Route 53 record ids as the provider imports them: `<zone id>_<name>_<type>`
 * (hashicorp/aws docs of aws_route53_record, "Import").
 */
export const ROUTE53_RECORD_ID = /^(Z[A-Z0-9]{1,31})_([a-z0-9.-]+)_(A|CNAME)$/;

const recordId = z
  .string()
  .refine((id) => CLOUDFLARE_RECORD_ID.test(id) || ROUTE53_RECORD_ID.test(id), {
    error:
      "must be a Cloudflare record id (32 lowercase hex characters, quoted) or a Route 53 record id (<zone id>_<name>_<type>, type A or CNAME) Fix: copy the record's id from Cloudflare's API in lowercase and quotes (or let `npx certkit adopt <env>` write it); for Route 53, write Z<zone id>_<hostname>_A.",
  })
  .meta({
    description:
      "The existing record: a Cloudflare DNS record id (32 hex characters, quoted), or for Route 53 `<zone id>_<name>_<type>` (the provider's import id).",
  });

export const AdoptSchema = z
  .strictObject({
    certificates: z.record(z.string(), z.string()).optional().meta({
      description:
        "ACM certificates made by hand, by certificate name: name -> ARN (in the certificate's region, us-east-1 for CloudFront, and the environment's account).",
    }),
    validationRecords: z.record(z.string(), recordId).optional().meta({
      description:
        "Validation CNAMEs made by hand, by the name they validate (without `*.`): name -> Cloudflare record id. Route 53 needs none: its validation records take the existing one over (allow_overwrite).",
    }),
    hostnames: z.record(z.string(), recordId).optional().meta({
      description:
        "App records made by hand, by hostname: hostname -> Cloudflare record id, or the Route 53 record id `<zone id>_<hostname>_A` (an alias; `_CNAME` where certkit writes a CNAME). A Route 53 alias's AAAA record is taken over by UPSERT.",
    }),
  })
  .meta({
    description:
      "Take over what exists: each entry becomes a Terraform import block to the address certkit uses. `npx certkit adopt <env>` writes this section. @default - nothing adopted",
  });

export type AdoptConfig = z.infer<typeof AdoptSchema>;
