// Reading one resource of a plan by address: as configured (provider, references)
// and as planned (values). Shared by the plan tests.
import type { Json, PlanResult } from "./harness";

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
