// Builds the stacks of a resolved config: one per environment, an ingress stack
// where a controller-made ALB needs records, and `zones` for zone-wide settings.
import type { App, TerraformStack } from "cdktf";
import type { ResolvedConfig } from "../config/resolve";
import { EnvironmentStack } from "./environment-stack";
import { IngressStack } from "./ingress-stack";
import { ZonesStack } from "./zones-stack";

export interface BuildOptions {
  /**
   * The project root as seen from `<outdir>/stacks/<stack>` (see projectRootFromStackDir).
   * @default "../../.." (the output folder cdktf.out)
   */
  readonly projectRootFromStackDir?: string;
}

export function buildApp(
  app: App,
  config: ResolvedConfig,
  options: BuildOptions = {},
): TerraformStack[] {
  const projectRoot = options.projectRootFromStackDir;
  const stacks: TerraformStack[] = [];
  for (const environment of config.environments) {
    stacks.push(new EnvironmentStack(app, { environment, projectRoot }));
    if (environment.ingressBackend) {
      stacks.push(
        new IngressStack(app, { environment, backend: environment.ingressBackend, projectRoot }),
      );
    }
  }
  if (config.zoneSettings.length) {
    stacks.push(new ZonesStack(app, { config, region: config.zonesRegion, projectRoot }));
  }
  return stacks;
}
