// Builds one stack per environment of a resolved config.
import type { App } from "cdktf";
import type { ResolvedConfig } from "../config/resolve";
import { EnvironmentStack } from "./environment-stack";

export function buildApp(app: App, config: ResolvedConfig): EnvironmentStack[] {
  return config.environments.map((environment) => new EnvironmentStack(app, { environment }));
}
