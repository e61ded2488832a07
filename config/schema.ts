// The config file's schema: the single source of its types (z.infer) and of
// certkit.schema.json (z.toJSONSchema). Semantic rules that need more than one
// key live in rules.ts.
import { z } from "zod";
import { AdoptSchema } from "./adopt-schema";
import { AlarmSchema } from "./alarm-schema";
import { endpointFields } from "./endpoint-schema";
import { AWS_REGIONS } from "./regions";

export const KEY_ALGORITHMS = ["RSA_2048", "EC_prime256v1", "EC_secp384r1"] as const;

/** Names that become Terraform ids and stack names: safe in both. */
const identifier = (what: string) =>
  z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, {
    error: `${what} must start with a lowercase letter, then up to 39 lowercase letters, digits, "-" or "_"`,
  });

const tags = z.record(z.string().min(1).max(128), z.string().max(256)).meta({
  description: "AWS tags added to every resource that takes tags.",
});

const region = z
  .enum(AWS_REGIONS)
  .meta({ description: "AWS region of the environment's resources." });

const accountId = z
  .string()
  .regex(/^[0-9]{12}$/, { error: "accountId must be 12 digits, quoted" })
  .meta({
    description:
      'AWS account id, quoted ("012345678901"): the stack refuses to apply anywhere else, and the key policy of the expiry topic\'s KMS key names it (required while alarm.kmsKey is create, the default).',
  });

export const ZoneSchema = z.strictObject({
  zoneId: z
    .string()
    .regex(/^[0-9a-f]{32}$/, { error: "zoneId must be 32 lowercase hex characters, quoted" })
    .optional()
    .meta({ description: "Cloudflare zone id. @default - looked up by zone name at plan time" }),
  caa: z.boolean().default(false).meta({
    description:
      "Write CAA issue/issuewild records for Amazon's CAs, so no other CAA record blocks ACM. @default false",
  }),
  sslMode: z.enum(["strict"]).optional().meta({
    description:
      "Set the zone's SSL mode to Full (strict), needed by proxied records in front of HTTPS origins. @default - unmanaged",
  }),
});

export const CloudflareSchema = z.strictObject({
  zones: z.record(z.string(), ZoneSchema).meta({
    description:
      "Zones the kit may write to, by apex name. Records go to the longest matching zone.",
  }),
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
            description: `State file, relative to the project root. @default terraform.{environment}.tfstate. ${placeholderNote}`,
          }),
      })
      .optional(),
    s3: z
      .strictObject({
        bucket: z.string().min(3),
        key: z
          .string()
          .min(1)
          .meta({ description: `State object key. ${placeholderNote}` }),
        region: region
          .optional()
          .meta({ description: "Bucket region. @default - the environment's region" }),
        encrypt: z.boolean().default(true),
        kmsKeyId: z.string().optional(),
        roleArn: z.string().optional().meta({ description: "Role to assume for state access." }),
      })
      .optional()
      .meta({ description: "S3 state with S3-native locking (use_lockfile)." }),
    cloud: z
      .strictObject({
        organization: z.string().min(1),
        workspace: z
          .string()
          .min(1)
          .meta({ description: `Workspace name. ${placeholderNote}` }),
        project: z
          .string()
          .optional()
          .meta({ description: "Terraform Cloud project of the workspace." }),
        hostname: z.string().optional().meta({ description: "@default app.terraform.io" }),
      })
      .optional()
      .meta({
        description:
          "Terraform Cloud / Enterprise; token from TF_TOKEN_app_terraform_io or `terraform login`.",
      }),
  })
  .meta({
    description:
      "Where the environment's state lives: exactly one of local, s3, cloud. @default - local",
  });

export const CertificateSchema = z.strictObject({
  domains: z.array(z.string()).min(1).meta({
    description:
      "Names the certificate covers; the first is its primary name (64 characters at most). Changing this replaces the certificate.",
  }),
  keyAlgorithm: z.enum(KEY_ALGORITHMS).default("RSA_2048").meta({
    description: "Key algorithm. Changing this replaces the certificate. @default RSA_2048",
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
  tags: tags.optional(),
  alarm: AlarmSchema.optional(),
  ...endpointFields,
});

const environmentFields = {
  region: region.optional().meta({ description: "AWS region. @default defaults.region" }),
  accountId: accountId.optional(),
  backend: BackendSchema.optional(),
  tags: tags.optional(),
  alarm: AlarmSchema.optional(),
};

export const EnvironmentSchema = z.strictObject({
  ...environmentFields,
  validationRecordOwners: z.record(z.string(), z.string()).optional().meta({
    description:
      "When environments share an AWS account they share validation records: name -> environment whose stack owns the record.",
  }),
  certificates: z.record(identifier("a certificate name"), CertificateSchema).meta({
    description: "Certificates by name; the name is part of every resource id (renaming replaces).",
  }),
  adopt: AdoptSchema.optional(),
});

export const DefaultsSchema = z.strictObject(environmentFields).meta({
  description: "Merged under every environment (tags merge key by key).",
});

export const ConfigSchema = z
  .strictObject({
    $schema: z.string().optional(),
    project: identifier("project").optional().meta({
      description: "Prefix for names and the `project` tag.",
    }),
    cloudflare: CloudflareSchema.optional(),
    defaults: DefaultsSchema.optional(),
    environments: z.record(identifier("an environment name"), EnvironmentSchema).meta({
      description: "One Terraform stack per environment; `cdktf deploy <name>`.",
    }),
  })
  .meta({ title: "certkit configuration" });

export type CertkitConfig = z.infer<typeof ConfigSchema>;
export type EnvironmentConfig = z.infer<typeof EnvironmentSchema>;
export type CertificateConfig = z.infer<typeof CertificateSchema>;
export type BackendConfig = z.infer<typeof BackendSchema>;
export type KeyAlgorithm = (typeof KEY_ALGORITHMS)[number];
