import {
  KNOWN_AFTER_APPLY,
  describePlan,
  offlineNote,
  planEnvironment,
  planStack,
  planStacks,
  prepareForOfflinePlan,
  withUnknowns,
  type Json,
} from "./harness";
import { rewriteBareExpression, rewriteTemplate } from "./references";

/** Picks one validation attribute the way the kit does (see FACTS.md). */
function validationAttribute(attribute: string, domain: string): string {
  return (
    `\${trimsuffix(one([for o in aws_acm_certificate.web.domain_validation_options : ` +
    `o.${attribute} if o.domain_name == "${domain}"]), ".")}`
  );
}

/** A hand-written cdk.tf.json: one certificate, validated through a Cloudflare record. */
function acmStack(): Json {
  const meta = (path: string) => ({ metadata: { path: `dev/${path}`, uniqueId: path } });
  return {
    "//": { metadata: { backend: "s3", stackName: "dev", version: "0.21.0" } },
    terraform: {
      backend: { s3: { bucket: "state", key: "dev.tfstate", region: "eu-west-1" } },
      required_providers: {
        aws: { source: "aws", version: "6.25.0" },
        cloudflare: { source: "cloudflare/cloudflare", version: "5.14.0" },
      },
    },
    provider: {
      aws: [
        {
          region: "eu-west-1",
          allowed_account_ids: ["123456789012"],
          default_tags: [{ tags: { app: "certkit", env: "dev" } }],
        },
        { alias: "us_east_1", region: "us-east-1" },
      ],
      cloudflare: [{}],
    },
    data: {
      cloudflare_zone: {
        example_org: { "//": meta("example_org"), filter: { name: "example.org" } },
      },
    },
    resource: {
      aws_acm_certificate: {
        web: {
          "//": meta("web"),
          domain_name: "example.com",
          subject_alternative_names: ["*.example.com"],
          validation_method: "DNS",
          lifecycle: { create_before_destroy: true },
        },
      },
      cloudflare_dns_record: {
        web_validation: {
          "//": meta("web_validation"),
          zone_id: "${data.cloudflare_zone.example_org.zone_id}",
          name: validationAttribute("resource_record_name", "example.com"),
          content: validationAttribute("resource_record_value", "example.com"),
          type: "CNAME",
          ttl: 60,
          proxied: false,
          provider: "cloudflare",
        },
      },
      aws_acm_certificate_validation: {
        web: {
          "//": meta("web_validation_wait"),
          certificate_arn: "${aws_acm_certificate.web.arn}",
          validation_record_fqdns: ["${cloudflare_dns_record.web_validation.name}"],
          depends_on: ["cloudflare_dns_record.web_validation"],
        },
      },
    },
    output: {
      certificate_arn: { value: "${aws_acm_certificate_validation.web.certificate_arn}" },
      record_id: { value: "${cloudflare_dns_record.web_validation.id}" },
    },
  };
}

type Blocks = Record<string, Record<string, Json>>;
const resources = (stack: Json) => stack.resource as Blocks;
const RECORD = "cloudflare_dns_record__web_validation";
const ZONE = "data_cloudflare_zone__example_org";

/** Every string outside "//" comments, for "nothing cloudflare is left" checks. */
function strings(value: unknown, key = ""): string[] {
  if (key === "//") return [];
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap((item) => strings(item));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => [k, ...strings(v, k)]);
  }
  return [];
}

describe("prepareForOfflinePlan", () => {
  const prepared = prepareForOfflinePlan(acmStack());

  test("leaves nothing of Cloudflare but terraform_data stand-ins", () => {
    const cloudflareReference = /(?<![\w.])(data\.)?cloudflare_\w+\.\w+/;
    expect(strings(prepared).filter((s) => cloudflareReference.test(s))).toEqual([]);
    expect(Object.keys(prepared.provider as Json)).toEqual(["aws"]);
    expect(Object.keys(resources(prepared)).sort()).toEqual([
      "aws_acm_certificate",
      "aws_acm_certificate_validation",
      "terraform_data",
    ]);
    expect(prepared.data).toBeUndefined();
    expect(Object.keys(resources(prepared).terraform_data).sort()).toEqual([RECORD, ZONE]);
  });

  test("stand-ins take the original arguments as input, meta-arguments stay outside", () => {
    const record = resources(prepared).terraform_data[RECORD];
    expect(record.input).toEqual({
      zone_id: `\${terraform_data.${ZONE}.id}`,
      name: validationAttribute("resource_record_name", "example.com"),
      content: validationAttribute("resource_record_value", "example.com"),
      type: "CNAME",
      ttl: 60,
      proxied: false,
    });
    expect(record.provider).toBeUndefined();
    expect(record["//"]).toMatchObject({ standInFor: "cloudflare_dns_record.web_validation" });
    expect(resources(prepared).terraform_data[ZONE].input).toEqual({
      filter: { name: "example.org" },
    });
  });

  test("rewrites references: arguments read .input, computed attributes read .id", () => {
    const validation = resources(prepared).aws_acm_certificate_validation.web;
    expect(validation.validation_record_fqdns).toEqual([`\${terraform_data.${RECORD}.input.name}`]);
    expect(validation.depends_on).toEqual([`terraform_data.${RECORD}`]);
    expect(validation.certificate_arn).toBe("${aws_acm_certificate.web.arn}");
    expect((prepared.output as Blocks).record_id.value).toBe(`\${terraform_data.${RECORD}.id}`);
  });

  test("makes every AWS provider block plan offline and records what it dropped", () => {
    const [main, east] = (prepared.provider as { aws: Json[] }).aws;
    const offline = {
      access_key: expect.any(String),
      secret_key: expect.any(String),
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
    };
    expect(main).toMatchObject({ ...offline, region: "eu-west-1" });
    expect(main.default_tags).toEqual([{ tags: { app: "certkit", env: "dev" } }]);
    expect(main.allowed_account_ids).toBeUndefined();
    expect(east).toMatchObject({ ...offline, region: "us-east-1", alias: "us_east_1" });
    expect(offlineNote(prepared).notes).toContain("provider aws: dropped allowed_account_ids");
  });

  test("with a stand-in STS, keeps assume_role and allowed_account_ids and asks that STS", () => {
    const stack = acmStack();
    const role = [{ role_arn: "arn:aws:iam::123456789012:role/deploy", session_name: "certkit" }];
    (stack.provider as { aws: Json[] }).aws[0].assume_role = role;
    const sts = "http://127.0.0.1:9";
    const withSts = prepareForOfflinePlan(stack, { sts });
    expect((withSts.provider as { aws: Json[] }).aws[0]).toMatchObject({
      allowed_account_ids: ["123456789012"],
      assume_role: role,
      endpoints: [{ sts }],
      skip_credentials_validation: false,
      skip_requesting_account_id: false,
    });
    expect(offlineNote(withSts).notes.filter((n) => n.includes("dropped"))).toEqual([]);
    expect(offlineNote(prepareForOfflinePlan(stack)).notes).toContain(
      "provider aws: dropped assume_role",
    );
  });

  test("relaxes the AWS version, drops the backend and the Cloudflare requirement", () => {
    const terraform = prepared.terraform as Json;
    expect(terraform.backend).toBeUndefined();
    expect(terraform.required_providers).toEqual({ aws: { source: "aws", version: ">= 5.0" } });
  });

  test("notes the stand-ins and leaves its input untouched", () => {
    expect(offlineNote(prepared).standIns).toEqual([
      {
        original: "cloudflare_dns_record.web_validation",
        address: `terraform_data.${RECORD}`,
        inputs: ["zone_id", "name", "content", "type", "ttl", "proxied"],
      },
      {
        original: "data.cloudflare_zone.example_org",
        address: `terraform_data.${ZONE}`,
        inputs: ["filter"],
      },
    ]);
    const original = acmStack();
    prepareForOfflinePlan(original);
    expect(original).toEqual(acmStack());
  });

  test("keeps count, for_each and lifecycle; maps ignore_changes and self", () => {
    const stack = {
      resource: {
        cloudflare_dns_record: {
          many: {
            for_each: '${toset(["a", "b"])}',
            name: "${each.key}.example.org",
            lifecycle: {
              ignore_changes: ["content"],
              postcondition: [{ condition: '${self.proxied == false && self.id != ""}' }],
            },
          },
        },
      },
      output: {
        names: { value: "${[for k, r in cloudflare_dns_record.many : r.id]}" },
        a: { value: '${cloudflare_dns_record.many["a"].name}' },
      },
    };
    const result = prepareForOfflinePlan(stack);
    const many = resources(result).terraform_data.cloudflare_dns_record__many;
    expect(many.for_each).toBe(stack.resource.cloudflare_dns_record.many.for_each);
    expect(many.lifecycle).toEqual({
      ignore_changes: ["input.content"],
      // proxied was not an argument here: like any computed attribute it becomes the id.
      postcondition: [{ condition: '${self.id == false && self.id != ""}' }],
    });
    expect((result.output as Blocks).names.value).toBe(
      "${[for k, r in terraform_data.cloudflare_dns_record__many : r.id]}",
    );
    expect((result.output as Blocks).a.value).toBe(
      '${terraform_data.cloudflare_dns_record__many["a"].input.name}',
    );
  });

  test("moves a per-resource region (aws 6) to a provider alias (5.x rejects it)", () => {
    const stack = acmStack();
    const certificate = resources(stack).aws_acm_certificate.web;
    certificate.region = "us-east-1";
    resources(stack).aws_acm_certificate.other = { domain_name: "a.example", region: "ap-south-1" };
    const result = prepareForOfflinePlan(stack);
    const aws = (result.provider as { aws: Json[] }).aws;
    expect(resources(result).aws_acm_certificate.web).toMatchObject({
      provider: "aws.default__us_east_1",
    });
    expect(resources(result).aws_acm_certificate.web.region).toBeUndefined();
    expect(aws.map((p) => [p.alias, p.region])).toEqual([
      [undefined, "eu-west-1"],
      ["us_east_1", "us-east-1"],
      ["default__us_east_1", "us-east-1"],
      ["default__ap_south_1", "ap-south-1"],
    ]);
    expect(aws[2]).toMatchObject({
      skip_credentials_validation: true,
      default_tags: expect.any(Array),
    });
  });
});

describe("reference rewriting inside templates", () => {
  const rewrite = (code: string) => code.replace(/\bcloudflare_x\.y\b/g, "terraform_data.x_y");

  test.each([
    ["plain interpolation", "${cloudflare_x.y.id}", "${terraform_data.x_y.id}"],
    [
      "literal text is not code",
      "cloudflare_x.y ${cloudflare_x.y}",
      "cloudflare_x.y ${terraform_data.x_y}",
    ],
    ["escaped interpolation", "$${cloudflare_x.y} %%{if}", "$${cloudflare_x.y} %%{if}"],
    ["string literal in code", '${"cloudflare_x.y"}', '${"cloudflare_x.y"}'],
    [
      "template inside a string literal",
      '${upper("a-${cloudflare_x.y.name}-\\"q\\"")}',
      '${upper("a-${terraform_data.x_y.name}-\\"q\\"")}',
    ],
    [
      "object and for braces",
      "${{for k in cloudflare_x.y : k => {a = 1}}}",
      "${{for k in terraform_data.x_y : k => {a = 1}}}",
    ],
    [
      "directives",
      "%{ if cloudflare_x.y.n }yes%{ endif }",
      "%{ if terraform_data.x_y.n }yes%{ endif }",
    ],
  ])("%s", (_name, input, expected) => {
    expect(rewriteTemplate(input, rewrite)).toBe(expected);
  });

  test("bare expressions (depends_on) are code throughout", () => {
    expect(rewriteBareExpression("cloudflare_x.y", rewrite)).toBe("terraform_data.x_y");
  });

  test("stand-in references in several shapes", () => {
    const stack = {
      data: { cloudflare_zone: { z: { filter: { name: "example.org" } } } },
      resource: {
        cloudflare_dns_record: { r: { count: 2, name: "n${count.index}", zone_id: "z" } },
        aws_thing: {
          t: {
            a: "${cloudflare_dns_record.r[0].name}",
            b: "${cloudflare_dns_record.r[*].name}",
            c: "${data.cloudflare_zone.z.name_servers[0]}",
            d: '${lookup(local.m, cloudflare_dns_record.r[1].zone_id, "")}',
            e: "${local.cloudflare_dns_record.r.name} ${aws_x.y[cloudflare_dns_record.r[0].id]}",
            f: "${data.cloudflare_zone.z.filter.name}",
          },
        },
      },
    };
    const t = resources(prepareForOfflinePlan(stack)).aws_thing.t;
    expect(t).toEqual({
      a: "${terraform_data.cloudflare_dns_record__r[0].input.name}",
      b: "${terraform_data.cloudflare_dns_record__r[*].input.name}",
      c: "${terraform_data.data_cloudflare_zone__z.id}",
      d: '${lookup(local.m, terraform_data.cloudflare_dns_record__r[1].input.zone_id, "")}',
      e: "${local.cloudflare_dns_record.r.name} ${aws_x.y[terraform_data.cloudflare_dns_record__r[0].id]}",
      f: "${terraform_data.data_cloudflare_zone__z.input.filter.name}",
    });
  });
});

describe("plan helpers", () => {
  test("withUnknowns fills unknown leaves and leaves known ones", () => {
    expect(
      withUnknowns(
        { a: 1, tags: null, list: [{ n: "x" }], input: { proxied: false } },
        { id: true, tags: {}, list: [{ v: true }], input: { name: true } },
      ),
    ).toEqual({
      a: 1,
      id: KNOWN_AFTER_APPLY,
      tags: null,
      list: [{ n: "x", v: KNOWN_AFTER_APPLY }],
      input: { proxied: false, name: KNOWN_AFTER_APPLY },
    });
  });

  test("planEnvironment explains what is missing and how to set it", () => {
    const saved = { ...process.env };
    try {
      process.env.CERTKIT_TF_BIN = "/nonexistent/terraform";
      process.env.CERTKIT_TF_PROVIDER_MIRROR = "/nonexistent/mirror";
      const reason = planEnvironment();
      expect(typeof reason).toBe("string");
      expect(reason).toMatch(/CERTKIT_TF_BIN=\/nonexistent\/terraform/);
      expect(reason).toMatch(/\/nonexistent\/mirror .*set CERTKIT_TF_PROVIDER_MIRROR=/);
    } finally {
      process.env = saved;
    }
  });
});

describePlan("real terraform plan, Cloudflare stood in by terraform_data", (environment) => {
  test(`ACM certificate + DNS validation plans with hashicorp/aws from ${environment.mirror}`, async () => {
    const plan = await planStack(acmStack(), { environment });
    const { initMs, planMs, showMs, totalMs } = plan.timings;
    console.log(
      `terraform ${environment.terraformVersion}: init ${initMs} ms, plan ${planMs} ms, ` +
        `show ${showMs} ms, total ${totalMs} ms; stood in: ` +
        plan.note.standIns.map((s) => s.original).join(", "),
    );

    expect(plan.resources().map((r) => [r.address, r.change.actions.join()])).toEqual([
      ["aws_acm_certificate.web", "create"],
      ["aws_acm_certificate_validation.web", "create"],
      [`terraform_data.${RECORD}`, "create"],
      [`terraform_data.${ZONE}`, "create"],
    ]);
    for (const type of ["aws_acm_certificate", "aws_acm_certificate_validation"]) {
      expect(plan.byType(type).map((r) => r.provider_name)).toEqual([
        "registry.terraform.io/hashicorp/aws",
      ]);
    }

    const [record] = plan.standIns("cloudflare_dns_record");
    expect(record).toEqual({
      original: "cloudflare_dns_record.web_validation",
      address: `terraform_data.${RECORD}`,
      input: {
        zone_id: KNOWN_AFTER_APPLY,
        name: KNOWN_AFTER_APPLY,
        content: KNOWN_AFTER_APPLY,
        type: "CNAME",
        ttl: 60,
        proxied: false,
      },
    });
    expect(plan.standIns("data.cloudflare_zone").map((z) => z.input)).toEqual([
      { filter: { name: "example.org" } },
    ]);

    const [certificate] = plan.byType("aws_acm_certificate");
    expect(certificate.values).toMatchObject({
      domain_name: "example.com",
      subject_alternative_names: ["*.example.com", "example.com"],
      validation_method: "DNS",
      arn: KNOWN_AFTER_APPLY,
    });
    const [validation] = plan.byType("aws_acm_certificate_validation");
    expect(validation.values.validation_record_fqdns).toBe(KNOWN_AFTER_APPLY);
  });

  test("a failing plan throws with terraform's diagnostics", async () => {
    const broken = { resource: { terraform_data: { x: { input: "${aws_nothing.here.id}" } } } };
    await expect(planStack(broken, { environment })).rejects.toThrow(
      /terraform plan .* failed \(exit 1\)[\s\S]*Reference to undeclared resource/,
    );
  });

  test("plans a batch of stacks in one run, concurrently with a single plan", async () => {
    // The regional variant uses aws 6's per-resource region, which 5.x would reject.
    const regional = acmStack();
    resources(regional).aws_acm_certificate.web.region = "us-east-1";
    resources(regional).aws_acm_certificate_validation.web.region = "us-east-1";

    const start = performance.now();
    const [single, batch] = await Promise.all([
      planStack(acmStack(), { environment }),
      planStacks({ dev: acmStack(), cloudfront: regional }, { environment }),
    ]);
    const wall = Math.round(performance.now() - start);
    console.log(
      `concurrently: 1 stack in ${single.timings.totalMs} ms and a batch of 2 in ` +
        `${batch.dev.timings.totalMs} ms (plan ${batch.dev.timings.planMs} ms); wall ${wall} ms`,
    );

    for (const plan of [single, batch.dev, batch.cloudfront]) {
      expect(plan.resources().map((r) => r.address)).toEqual([
        "aws_acm_certificate.web",
        "aws_acm_certificate_validation.web",
        `terraform_data.${RECORD}`,
        `terraform_data.${ZONE}`,
      ]);
      expect(plan.standIns("cloudflare_dns_record")[0].input.proxied).toBe(false);
    }
    expect(batch.cloudfront.prepared.resource).toMatchObject({
      aws_acm_certificate: { web: { provider: "aws.default__us_east_1" } },
    });
    const providers = batch.cloudfront.json.configuration as {
      root_module: { module_calls: Json };
    };
    expect(Object.keys(providers.root_module.module_calls).sort()).toEqual(["cloudfront", "dev"]);
  });
});
