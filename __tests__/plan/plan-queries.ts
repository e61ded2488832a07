// Reading one resource of a plan by address: as configured (provider, references)
// and as planned (values). Shared by the plan tests.
import { normalName, type PlannedCloudflareResource } from "./cloudflare-rules";
import type { PlanResult } from "./plan-result";
import { KNOWN_AFTER_APPLY, type Json, asObject } from "./prepare";
import type { ZoneRoute } from "../../domains/zones";

/** A resource in the plan's `configuration` section. */
export interface ConfiguredResource {
  address: string;
  /** `aws`, or `aws.us_east_1` for a resource created through that alias. */
  provider_config_key: string;
  expressions: Record<string, { references?: string[]; constant_value?: unknown }>;
}

/** Every resource of the root module as configured. */
export function configuredResources(plan: PlanResult): ConfiguredResource[] {
  const root = (plan.json.configuration as Json).root_module as { resources: ConfiguredResource[] };
  return root.resources;
}

/** One configured resource; fails the test when it is not in the plan. */
export function configured(plan: PlanResult, address: string): ConfiguredResource {
  const found = configuredResources(plan).find((r) => r.address === address);
  if (!found) throw new Error(`${address} is not in the plan's configuration`);
  return found;
}

/** The planned values of a resource the plan creates; fails the test otherwise. */
export function plannedCreate(plan: PlanResult, address: string): Json {
  const found = plan.resources().find((r) => r.address === address);
  if (!found) throw new Error(`${address} is not planned`);
  expect(found.change.actions).toEqual(["create"]);
  return found.values;
}

/** The region of each provider configuration, by key (`aws`, `aws.us_east_1`). */
export function providerRegions(plan: PlanResult): Record<string, unknown> {
  const providers = (plan.json.configuration as Json).provider_config as Record<
    string,
    { expressions?: { region?: { constant_value?: unknown } } }
  >;
  return Object.fromEntries(
    Object.entries(providers).map(([key, p]) => [key, p.expressions?.region?.constant_value]),
  );
}

/**
 * The stack's planned Cloudflare resources (stand-ins), each with its zone apex: from
 * `zoneNames` (zone id -> apex, from the config) when its zone_id is a planned
 * constant, or from the filter of the `cloudflare_zone` lookup its zone_id reads.
 */
export function plannedCloudflareResources(
  plan: PlanResult,
  stack: string,
  zoneNames: Record<string, string> = {},
): PlannedCloudflareResource[] {
  const lookups = new Map(
    plan
      .standIns("data.cloudflare_zone")
      .map((z) => [z.address, (z.input.filter as Json | undefined)?.name]),
  );
  const standIns = asObject(asObject(plan.prepared.resource).terraform_data);
  const types = new Set(
    plan.note.standIns
      .map((s) => s.original.split(".")[0])
      .filter((type) => type.startsWith("cloudflare_")),
  );
  return [...types].flatMap((type) =>
    plan.standIns(type).map((s) => {
      const zoneId = s.input.zone_id;
      const configured = asObject(asObject(standIns[blockName(s.address)]).input).zone_id;
      const lookup = /\$\{(terraform_data\.data_cloudflare_zone__[\w-]+)\.id\}/.exec(
        String(configured),
      );
      const zone =
        zoneId === KNOWN_AFTER_APPLY ? lookup && lookups.get(lookup[1]) : zoneNames[String(zoneId)];
      return {
        stack,
        address: s.original,
        type,
        values: s.input,
        ...(typeof zone === "string" ? { zone: normalName(zone) } : {}),
      };
    }),
  );
}

/** `terraform_data.x[0]` -> `x` */
function blockName(address: string): string {
  return address.replace(/^terraform_data\./, "").replace(/\[.*$/, "");
}

/** Zone id -> apex of the zones a config names by id. */
export function zoneNames(zones: readonly ZoneRoute[]): Record<string, string> {
  return Object.fromEntries(zones.flatMap((z) => (z.zoneId ? [[z.zoneId, z.name]] : [])));
}
