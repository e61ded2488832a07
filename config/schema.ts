// The config file's schema: the single source of its types (z.infer) and of
// certkit.schema.json (z.toJSONSchema). Semantic rules that need more than one
// key live in rules.ts.
import { z } from "zod";
import { AdoptSchema } from "./adopt-schema";
import { AlarmSchema } from "./alarm-schema";
import {
  CloudflareSchema,
  ExternalIdSchema,
  ExternalSchema,
  Route53Schema,
} from "./dns-host-schema";
import { endpointFields } from "./endpoint-schema";
import { AWS_REGIONS } from "./regions";

export const KEY_ALGORITHMS = ["RSA_2048", "EC_prime256v1", "EC_secp384r1"] as const;

/** Names that become Terraform ids and stack names: safe in both. */
const identifier = (what: string) =>
  z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, {
    error: `${what} must start with a lowercase letter, then up to 39 lowercase letters, digits, "-" or "_" Fix: rename it to match, such as "web-app".`,
  });

const tags = z.record(z.string().min(1).max(128), z.string().max(256)).meta({
  description:
    "AWS tags added to every resource that takes tags (provider default_tags); `project`, `environment` and `managed-by: certkit` are always added.",
});

const region = z
  .enum(AWS_REGIONS)
  .meta({ description: "AWS region (checked against the provider's list)." });

const accountId = z
  .string()
  .regex(/^[0-9]{12}$/, {
    error:
      'accountId must be 12 digits, quoted Fix: write the account id in quotes, such as "012345678901".',
  })
  .meta({
    description:
      "AWS account id, 12 digits, quoted (\"012345678901\"). Pins the AWS provider's allowed_account_ids, lets certkit find two environments sharing a validation record, and is named in the key policy of the expiry topic's KMS key (without it, the policy reads the account from the key's ARN at apply). @default - none",
  });

const placeholderNote = "{environment} is replaced by the environment's name.";

export const BackendSchema = z
  .strictObject({
    local: z
      .strictObject({
        path: z
          .string()
          .optional()
          .meta({
            description: `State file: relative to the project root (the folder of cdktf.json, whatever the output folder), or absolute. @default terraform.{environment}.tfstate. ${placeholderNote}`,
          }),
      })
      .optional()
      .meta({ description: "State in a local file (the default)." }),
    s3: z
      .strictObject({
        bucket: z.string().min(3).meta({ description: "State bucket." }),
        key: z
          .string()
          .min(1)
          .meta({ description: `State object key. ${placeholderNote}` }),
        region: region.optional().meta({
          description:
            "Bucket region; needed when one bucket in defaults serves environments in several regions. @default - the environment's region",
        }),
        encrypt: z
          .boolean()
          .default(true)
          .meta({ description: "Server-side encryption of the state object. @default true" }),
        kmsKeyId: z
          .string()
          .optional()
          .meta({ description: "KMS key that encrypts the state object. @default - the bucket's" }),
        roleArn: z.string().optional().meta({ description: "Role to assume for state access." }),
      })
      .optional()
      .meta({ description: "S3 state with S3-native locking (use_lockfile)." }),
    cloud: z
      .strictObject({
        organization: z.string().min(1).meta({ description: "Terraform Cloud organization." }),
        workspace: z
          .string()
          .min(1)
          .meta({ description: `Workspace name. ${placeholderNote}` }),
        project: z
          .string()
          .optional()
          .meta({ description: "Terraform Cloud project of the workspace." }),
        hostname: z
          .string()
          .optional()
          .meta({ description: "Terraform Enterprise host. @default app.terraform.io" }),
      })
      .optional()
      .meta({
        description:
          "Terraform Cloud / Enterprise; token from TF_TOKEN_app_terraform_io or `terraform login`.",
      }),
  })
  .meta({
    description:
      "Where the environment's state lives: exactly one of local, s3, cloud. {environment} in any of their strings becomes the environment's name, so one defaults.backend serves all. The zones stack uses defaults.backend with {environment} = zones; an `<env>-ingress` stack keeps its state next to its environment's. Two stacks sharing one state fail the check. @default - local",
  });

export const CertificateSchema = z.strictObject({
  domains: z.array(z.string()).min(1).meta({
    description:
      "Names the certificate covers; the first is its primary name (64 characters at most). Up to 100 (more than 10 needs an ACM quota increase: a warning says so). Lowercase, no trailing dot, a wildcard only as the leftmost `*.` (covering one level), each under a configured zone. Changing them replaces the certificate (the new one is created first).",
  }),
  keyAlgorithm: z.enum(KEY_ALGORITHMS).default("RSA_2048").meta({
    description:
      "Key algorithm; not EC_secp384r1 with attach.cloudfront (CloudFront serves RSA 2048 and EC P-256 only). Changing it replaces the certificate. @default RSA_2048",
  }),
  transparencyLogging: z.boolean().default(true).meta({
    description:
      "Log to Certificate Transparency (browsers distrust unlogged public certificates). @default true",
  }),
  exportable: z.boolean().default(false).meta({
    description: "Request an exportable public certificate (extra cost). @default false",
  }),
  validationTimeoutMinutes: z.int().min(1).max(1440).default(75).meta({
    description: "How long apply waits for ACM to issue the certificate. @default 75",
  }),
  validationTtlSeconds: z
    .int()
    .min(1)
    .max(86400)
    .refine((ttl) => ttl === 1 || ttl >= 60, {
      error:
        "must be 1 (automatic, Cloudflare only) or 60 to 86400 seconds: Cloudflare refuses other TTLs. Fix: use 60 or more, or 1 in Cloudflare zones.",
    })
    .default(60)
    .meta({
      description:
        "TTL of the certificate's validation CNAMEs: 60 to 86400 seconds, or 1 (automatic) where every name's zone is at a host that has it (Cloudflare). Certificates sharing a record set the same. @default 60",
    }),
  waitForValidation: z.boolean().default(true).meta({
    description:
      "false: certkit writes no validation records for this certificate (someone else does, from output validation_records_<name>) and does not wait for its issuance; its names need no configured zone, and what it is attached to gets the ARN before issuance (refused with UnsupportedCertificate until ACM has issued it). @default true",
  }),
  certificateAuthorityArn: z.string().optional().meta({
    description:
      "ARN of an AWS Private CA (arn:aws:acm-pca:<region>:<account>:certificate-authority/<id>) that issues this certificate as a private one: no DNS validation, so certkit writes no validation record and waits for nothing, and its names need no configured zone (hostnames still do); waitForValidation, validationTimeoutMinutes and validationTtlSeconds do not apply. The CA must be in the environment's region, in general-purpose mode, and let ACM renew (docs/certificates.md). Not with attach.cloudfront or attach.apiGateway: they take publicly trusted certificates only. Changing it replaces the certificate. @default - a public certificate validated by DNS",
  }),
  tags: tags.optional().meta({ description: "Extra tags on the certificate." }),
  alarm: AlarmSchema.optional(),
  ...endpointFields,
});

const externalId = ExternalIdSchema.meta({
  description:
    "External id passed when assuming roleArn (sts:ExternalId in the role's trust policy). Written to the synthesized JSON and the review: an identifier, never a password. @default - none (an environment takes defaults.externalId)",
});

const environmentFields = {
  region: region.optional(),
  accountId: accountId.optional(),
  roleArn: z.string().optional().meta({
    description:
      "IAM role every AWS provider of the environment's stacks assumes (assume_role) with the credentials Terraform runs with: one CI identity deploys into each environment's account. Its account must be accountId's. defaults.roleArn also serves the zones stack's AWS provider. See docs/accounts.md. @default - none: the credentials' own account (an environment takes defaults.roleArn)",
  }),
  externalId: externalId.optional(),
  backend: BackendSchema.optional(),
  tags: tags.optional(),
  alarm: AlarmSchema.optional(),
};

export const EnvironmentSchema = z.strictObject({
  ...environmentFields,
  region: region.optional().meta({
    description: "AWS region (checked against the provider's list). @default - defaults.region",
  }),
  validationRecordOwners: z.record(z.string(), z.string()).optional().meta({
    description:
      "Validation name -> environment. Two environments in one AWS account get the same validation CNAME for a name; the named environment's stack owns it, this one only waits for it.",
  }),
  certificates: z.record(identifier("a certificate name"), CertificateSchema).meta({
    description:
      "Certificates by name; the name is part of every resource id (renaming replaces the certificate).",
  }),
  adopt: AdoptSchema.optional(),
});

export const DefaultsSchema = z.strictObject(environmentFields).meta({
  description:
    "Used by every environment that does not set its own key; tags and alarm merge key by key.",
});

export const ConfigSchema = z
  .strictObject({
    $schema: z.string().optional(),
    project: identifier("project").optional().meta({
      description: "Prefix of the certificates' Name tag, of AWS-side names and the `project` tag.",
    }),
    cloudflare: CloudflareSchema.optional(),
    route53: Route53Schema.optional(),
    external: ExternalSchema.optional(),
    defaults: DefaultsSchema.optional(),
    environments: z.record(identifier("an environment name"), EnvironmentSchema).meta({
      description:
        "One stack per environment: the name is the stack name (`cdktf deploy <name>`); `zones`, `index` and names ending in `-ingress` are reserved.",
    }),
  })
  .meta({ title: "certkit configuration" });

export type CertkitConfig = z.infer<typeof ConfigSchema>;
export type EnvironmentConfig = z.infer<typeof EnvironmentSchema>;
export type CertificateConfig = z.infer<typeof CertificateSchema>;
export type BackendConfig = z.infer<typeof BackendSchema>;
