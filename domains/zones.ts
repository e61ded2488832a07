// Longest-suffix routing of names to the DNS zones the kit may write to.
import { baseName } from "./names";

/** A zone the kit may write records to, whatever DNS provider hosts it. */
export interface ZoneRoute {
  /** The zone apex, such as `example.com`. */
  readonly name: string;
  /** The config key of the DNS provider hosting it, such as `cloudflare`. */
  readonly provider: string;
  /** The provider's zone id when the config gives one. @default - looked up by name at plan time */
  readonly zoneId?: string;
  /** A private zone (Route 53): the lookup by name asks for it; ACM cannot see records there. @default false */
  readonly privateZone?: boolean;
  /** A role in the zone's account that writing records there assumes. @default - the stack's credentials */
  readonly assumeRole?: { readonly roleArn: string; readonly externalId?: string };
}

export class ZoneRouter {
  private readonly zones: readonly ZoneRoute[];

  constructor(zones: readonly ZoneRoute[]) {
    // Longest first, so that `dev.example.com` wins over `example.com`.
    this.zones = [...zones].sort((a, b) => b.name.length - a.name.length);
  }

  /** The zone that holds `name` (a wildcard routes as its base), or undefined. */
  route(name: string): ZoneRoute | undefined {
    const bare = baseName(name);
    return this.zones.find((z) => bare === z.name || bare.endsWith(`.${z.name}`));
  }

  get names(): string[] {
    return this.zones.map((z) => z.name).sort();
  }
}
