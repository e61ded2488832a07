// Builds the stacks of a resolved config: one per environment, an ingress stack
// where a controller-made ALB needs records, and `zones` for zone-wide settings.
import type { App, TerraformStack } from "cdktf";
import type { ResolvedConfig } from "../config/resolve";
import { EnvironmentStack } from "./environment-stack";
import { IngressStack } from "./ingress-stack";
import { ZonesStack } from "./zones-stack";

export function buildApp(app: App, config: ResolvedConfig): TerraformStack[] {
  const stacks: TerraformStack[] = [];
  for (const environment of config.environments) {
    stacks.push(new EnvironmentStack(app, { environment }));
    if (environment.ingressBackend) {
      stacks.push(new IngressStack(app, { environment, backend: environment.ingressBackend }));
    }
  }
  if (config.zoneSettings.length) {
    stacks.push(new ZonesStack(app, { config, region: config.zonesRegion }));
  }
  return stacks;
}
