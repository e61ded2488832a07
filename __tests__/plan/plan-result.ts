// What a plan run returns: its own file, so that the harness and the queries over
// a plan (plan-queries.ts) both import it without importing each other.
import type { Json, OfflineNote } from "./prepare";

export interface ResourceChange {
  address: string;
  module_address?: string;
  mode: "managed" | "data";
  type: string;
  name: string;
  index?: number | string;
  provider_name: string;
  change: { actions: string[]; before: unknown; after: Json | null; after_unknown: Json };
}

export interface PlannedResource extends ResourceChange {
  /** change.after with every unknown value filled in as KNOWN_AFTER_APPLY. */
  values: Json;
}

export interface PlannedStandIn {
  /** Address the resource had in the stack, with its index: `cloudflare_dns_record.rec`. */
  original: string;
  address: string;
  /** The planned `input`: the original arguments, unknowns as KNOWN_AFTER_APPLY. */
  input: Json;
}

export interface PlanTimings {
  initMs: number;
  planMs: number;
  showMs: number;
  totalMs: number;
}

export type PlanJson = Json & { resource_changes?: ResourceChange[] };

export interface PlanResult {
  /** `terraform show -json` of the saved plan. */
  json: PlanJson;
  /** The main.tf.json that was planned. */
  prepared: Json;
  note: OfflineNote;
  timings: PlanTimings;
  resources(): PlannedResource[];
  byType(type: string): PlannedResource[];
  /** Stand-ins of `cloudflare_dns_record` or `data.cloudflare_zone`, in plan order. */
  standIns(originalType: string): PlannedStandIn[];
}
