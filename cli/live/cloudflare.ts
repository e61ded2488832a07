// Read-only view of Cloudflare through the official SDK: it reads CLOUDFLARE_API_TOKEN
// and CLOUDFLARE_BASE_URL itself, and retries 429 and 5xx with backoff, honouring
// Retry-After. certkit only ever calls GET endpoints here.
import Cloudflare from "cloudflare";
import type { ZoneRoute } from "../../domains/zones";
import { CliError } from "../errors";
import { cloudflareReadError } from "./read-error";

/** A DNS record as certkit needs it. */
export interface LiveRecord {
  readonly id: string;
  /** Lowercase, no trailing dot. */
  readonly name: string;
  readonly type: string;
  /** Lowercase target for CNAMEs, no trailing dot. */
  readonly content: string;
  readonly proxied: boolean;
  /** CAA records: tag (issue, issuewild, iodef) and value (a CA's domain). */
  readonly caa?: { readonly tag: string; readonly value: string };
}

export interface LiveZone {
  readonly name: string;
  readonly id: string;
  readonly records: readonly LiveRecord[];
}

const RETRIES = 4;
/** Records per page; the SDK walks every page. */
const PAGE_SIZE = 100;

export class CloudflareReader {
  private readonly client: Cloudflare;

  constructor() {
    if (!process.env.CLOUDFLARE_API_TOKEN) {
      throw new CliError(
        "CLOUDFLARE_API_TOKEN is not set. Fix: export a Cloudflare API token with Zone:Read and DNS:Read (certkit only reads).",
      );
    }
    this.client = new Cloudflare({ maxRetries: RETRIES, timeout: 30_000 });
  }

  /** The zone's id (from the config, else looked up by name) and every record in it. */
  async zone(route: ZoneRoute): Promise<LiveZone> {
    const id = route.zoneId ?? (await this.zoneId(route.name));
    const records: LiveRecord[] = [];
    try {
      for await (const r of this.client.dns.records.list({ zone_id: id, per_page: PAGE_SIZE })) {
        records.push(toRecord(r as unknown as RawRecord));
      }
    } catch (e) {
      throw cloudflareReadError(e, `the DNS records of zone ${route.name}`);
    }
    return { name: route.name, id, records };
  }

  /** The zone's `cname_flattening` setting: `flatten_at_root` or `flatten_all`. */
  async cnameFlattening(zone: LiveZone): Promise<string> {
    try {
      const s = await this.client.zones.settings.get("cname_flattening", { zone_id: zone.id });
      return String((s as { value?: unknown }).value);
    } catch (e) {
      throw cloudflareReadError(e, `the CNAME flattening setting of zone ${zone.name}`);
    }
  }

  /** Whether Universal SSL is enabled on the zone. */
  async universalSsl(zone: LiveZone): Promise<boolean> {
    try {
      const s = await this.client.ssl.universal.settings.get({ zone_id: zone.id });
      return s.enabled !== false;
    } catch (e) {
      throw cloudflareReadError(e, `the Universal SSL setting of zone ${zone.name}`);
    }
  }

  private async zoneId(name: string): Promise<string> {
    const ids: string[] = [];
    try {
      for await (const z of this.client.zones.list({ name })) ids.push(z.id);
    } catch (e) {
      throw cloudflareReadError(e, `zone ${name}`);
    }
    if (ids.length !== 1) {
      throw new CliError(
        `the token sees ${ids.length} zones named ${name}, not one. Fix: give the token access to the zone, or set cloudflare.zones["${name}"].zoneId.`,
      );
    }
    return ids[0];
  }
}

interface RawRecord {
  id: string;
  name: string;
  type: string;
  content?: string;
  proxied?: boolean;
  data?: { tag?: string; value?: string };
}

const trimDot = (s: string) => s.replace(/\.$/, "").toLowerCase();

function toRecord(r: RawRecord): LiveRecord {
  return {
    id: r.id,
    name: trimDot(r.name),
    type: r.type,
    content: r.type === "CNAME" ? trimDot(r.content ?? "") : (r.content ?? ""),
    proxied: r.proxied === true,
    ...(r.type === "CAA" && r.data
      ? { caa: { tag: String(r.data.tag ?? ""), value: String(r.data.value ?? "").toLowerCase() } }
      : {}),
  };
}
