// Every bundled config (certkit.yaml, examples/**/certkit.yaml) synthesized and
// planned offline in one terraform run: the real AWS provider; Cloudflare stood
// in by terraform_data (same inputs, same references). `<env>-ingress` stacks
// look the controller's ALB up at plan time: that lookup (data aws_lb) is stood
// in too, so their records meet the other stacks' under Cloudflare's API rules.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { Testing } from "cdktf";
import { loadConfigFile } from "../../config/load";
import type {
  ResolvedCertificate,
  ResolvedConfig,
  ResolvedEnvironment,
} from "../../config/resolve";
import { idPart } from "../../domains/names";
import { buildApp } from "../../stacks/build-app";
import { checkCloudflareResources, formatViolations } from "./cloudflare-rules";
import { KNOWN_AFTER_APPLY, type PlanResult, describePlan, planStacks } from "./harness";
import { plannedCloudflareResources, zoneNames } from "./plan-queries";

const ROOT = join(__dirname, "..", "..");
const CONFIGS: Record<string, string> = {
  example: join(ROOT, "certkit.yaml"),
  ...Object.fromEntries(
    readdirSync(join(ROOT, "examples"), { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== "ci")
      .map((d) => [d.name.replace(/-/g, "_"), join(ROOT, "examples", d.name, "certkit.yaml")]),
  ),
};

describePlan("every bundled config planned offline (Cloudflare stood in by terraform_data)", () => {
  const configs: Record<string, ResolvedConfig> = {};
  let plans: Record<string, PlanResult>;

  beforeAll(async () => {
    const stacks: Record<string, object> = {};
    for (const [name, file] of Object.entries(CONFIGS)) {
      configs[name] = loadConfigFile(file).config;
      for (const stack of buildApp(Testing.app(), configs[name])) {
        stacks[`${name}__${stack.node.id.replace(/-/g, "_")}`] = JSON.parse(Testing.synth(stack));
      }
    }
    // The controller's ALB exists only once an Ingress asked for it: stand its lookup in.
    plans = await planStacks(stacks, { prepare: { standInDataSources: ["aws_lb"] } });
  });

  /** Every planned Cloudflare resource of one config, whichever of its stacks plans it. */
  const cloudflareResources = (name: string) => {
    const zones = zoneNames(configs[name].zones);
    return Object.entries(plans)
      .filter(([key]) => key.startsWith(`${name}__`))
      .flatMap(([key, plan]) =>
        plannedCloudflareResources(plan, key.slice(name.length + 2), zones),
      );
  };

  const cases = Object.keys(CONFIGS);
  it("covers the example and every examples/ folder", () => {
    expect(cases).toEqual(
      expect.arrayContaining(["example", "multi_zone", "cloudfront", "eks_ingress"]),
    );
  });

  /** Whether the certificate's endpoint gives a hosted zone id (a DNS name alone does not). */
  const hasHostedZoneId = (c: ResolvedCertificate) =>
    c.attach?.kind === "cloudfront" ||
    ((c.attach?.kind === "alb-listener" || c.attach?.kind === "alb-owned") &&
      c.attach.dnsName === undefined);

  /** The validation records and hostnames of one environment on one DNS host. */
  const onHost = (env: ResolvedEnvironment, host: string) => ({
    validation: env.validationRecords.filter((r) => r.zone.provider === host),
    hostnames: env.certificates
      .filter((c) => c.attach?.kind !== "alb-ingress")
      .flatMap((c) => c.hostnames.filter((h) => h.zone.provider === host)),
  });

  it.each(cases)("%s: plans what Cloudflare's API accepts, across all its stacks", (name) => {
    const resources = cloudflareResources(name);
    const hasCloudflare = configs[name].zones.some((z) => z.provider === "cloudflare");
    expect(resources.some((r) => r.type === "cloudflare_dns_record")).toBe(hasCloudflare);
    // Every zone is known, or the rules between records of one zone could not see them.
    expect(resources.filter((r) => r.zone === undefined).map((r) => r.address)).toEqual([]);
    expect(formatViolations(checkCloudflareResources(resources))).toBe("");
  });

  it("example: the rules see the records of every stack in their zones, the ingress stack's too", () => {
    const named = cloudflareResources("example")
      .filter((r) => r.type === "cloudflare_dns_record" && r.values.name !== KNOWN_AFTER_APPLY)
      .map((r) => `${r.zone} ${String(r.values.type)} ${String(r.values.name)} (${r.stack})`);
    expect(named.sort()).toEqual([
      "example.com CAA example.com (zones)",
      "example.com CAA example.com (zones)",
      "example.com CNAME api.example.com (prod)",
      "example.com CNAME example.com (prod)",
      "example.com CNAME staging.example.com (staging_ingress)",
      "example.com CNAME www.example.com (prod)",
      "example.com CNAME www.staging.example.com (staging_ingress)",
      // example.org has no zoneId: its zone comes from the lookup's filter.
      "example.org CNAME cdn.example.org (prod)",
    ]);
  });

  it.each(cases)("%s: plans one certificate and validation per configured certificate", (name) => {
    for (const env of configs[name].environments) {
      const plan = plans[`${name}__${env.name}`];
      const created = (type: string) =>
        plan.byType(type).filter((r) => r.change.actions.includes("create"));
      expect(
        created("aws_acm_certificate")
          .map((r) => r.name)
          .sort(),
      ).toEqual(env.certificates.map((c) => c.name).sort());
      expect(created("aws_acm_certificate_validation")).toHaveLength(env.certificates.length);
    }
  });

  it.each(cases)("%s: writes each validation record once, DNS-only, to its zone", (name) => {
    for (const env of configs[name].environments) {
      const records = plans[`${name}__${env.name}`]
        .standIns("cloudflare_dns_record")
        .filter((s) => s.original.startsWith("cloudflare_dns_record.acm_validation_"));
      const { validation } = onHost(env, "cloudflare");
      expect(records.map((r) => r.original).sort()).toEqual(
        validation.map((r) => `cloudflare_dns_record.${r.id}`).sort(),
      );
      for (const r of records) {
        const plan = validation.find((v) => r.original.endsWith(`.${v.id}`))!;
        expect(r.input).toMatchObject({ type: "CNAME", proxied: false, ttl: 60 });
        // Configured ids are constants; looked-up zones are known only once the lookup ran.
        expect(r.input.zone_id).toBe(plan.zone.zoneId ?? "(known after apply)");
      }
    }
  });

  it.each(cases)(
    "%s: points each hostname outside ingress stacks with its proxied flag",
    (name) => {
      for (const env of configs[name].environments) {
        const expected = onHost(env, "cloudflare").hostnames.map((h) => [
          h.name,
          h.proxied,
          h.proxied ? 1 : h.ttlSeconds,
        ]);
        const planned = plans[`${name}__${env.name}`]
          .standIns("cloudflare_dns_record")
          .filter((s) => s.original.startsWith("cloudflare_dns_record.app_"))
          .map((s) => [s.input.name, s.input.proxied, s.input.ttl]);
        expect(planned.sort()).toEqual(expected.sort());
      }
    },
  );

  it.each(cases)(
    "%s: plans in the zones stack exactly the edge certificates it resolves",
    (name) => {
      const orders = configs[name].zoneSettings.filter((z) => z.edge);
      const plan = plans[`${name}__zones`];
      const planned = (type: string) => (plan ? plan.standIns(type).map((s) => s.input) : []);
      expect({
        packs: planned("cloudflare_certificate_pack").map((i) => [i.zone_id, i.type, i.hosts]),
        totalTls: planned("cloudflare_total_tls").map((i) => [i.zone_id, i.enabled]),
      }).toEqual({
        packs: orders.flatMap((z) =>
          z.edge?.kind === "advanced" ? [[z.zone.zoneId, "advanced", z.edge.hosts]] : [],
        ),
        totalTls: orders.flatMap((z) =>
          z.edge?.kind === "total-tls" ? [[z.zone.zoneId, true]] : [],
        ),
      });
    },
  );

  it.each(cases)(
    "%s: writes Route 53 validation CNAMEs that take over, and alias A and AAAA app records",
    (name) => {
      for (const env of configs[name].environments) {
        const planned = plans[`${name}__${env.name}`]
          .byType("aws_route53_record")
          .filter((r) => r.change.actions.includes("create"))
          .map((r) => [r.name, r.values.type, r.values.zone_id, r.values.allow_overwrite]);
        const { validation, hostnames } = onHost(env, "route53");
        const zoneId = (z: { zoneId?: string }) => z.zoneId ?? KNOWN_AFTER_APPLY;
        const app = env.certificates.flatMap((c) =>
          c.hostnames
            .filter((h) => hostnames.includes(h))
            .flatMap((h) => {
              const id = `app_${idPart(h.name)}`;
              return hasHostedZoneId(c)
                ? [
                    [id, "A", zoneId(h.zone), false],
                    [`${id}__aaaa`, "AAAA", zoneId(h.zone), false],
                  ]
                : [[id, "CNAME", zoneId(h.zone), false]];
            }),
        );
        expect(planned.sort()).toEqual(
          [...validation.map((r) => [r.id, "CNAME", zoneId(r.zone), true]), ...app].sort(),
        );
      }
    },
  );

  it("covers both edge certificate orders among the examples", () => {
    const kinds = Object.values(configs).flatMap((c) => c.zoneSettings.map((z) => z.edge?.kind));
    expect(kinds).toEqual(expect.arrayContaining(["advanced", "total-tls"]));
  });
});
