// A fake Cloudflare API v4 with only the GET calls certkit makes, shaped per the API
// reference: the envelope {success, errors, messages, result, result_info} and page /
// per_page pagination (capped at `maxPerPage` so that tests walk several pages).
import type { ServerResponse } from "node:http";
import { FakeServer, sendJson, startFake } from "./http";

export interface FakeRecord {
  id: string;
  name: string;
  type: string;
  content: string;
  proxied?: boolean;
  ttl?: number;
  data?: { flags: number; tag: string; value: string };
}

export interface FakeZone {
  id: string;
  name: string;
  records: FakeRecord[];
  cnameFlattening?: "flatten_at_root" | "flatten_all";
  universalSsl?: boolean;
}

export interface CloudflareFakeOptions {
  /** The only token accepted (Authorization: Bearer <token>). */
  token: string;
  zones: FakeZone[];
  maxPerPage?: number;
  /** Answer every request with this status and a v4 error envelope. */
  failWith?: number;
  /** Answer the first n requests with 429 and Retry-After: `retryAfter` (default 0). */
  rateLimitFirst?: number;
  retryAfter?: string;
  /** Then answer the next n requests with 503. */
  unavailableNext?: number;
}

export async function startCloudflareFake(o: CloudflareFakeOptions): Promise<FakeServer> {
  let limited = 0;
  let unavailable = 0;
  return startFake((req, _body, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    if (req.headers.authorization !== `Bearer ${o.token}`) {
      return fail(res, 403, 10000, "Authentication error");
    }
    if (o.failWith) return fail(res, o.failWith, 10000, "Authentication error");
    if (o.rateLimitFirst && limited < o.rateLimitFirst) {
      limited++;
      return fail(res, 429, 971, "Please wait and consider throttling your request speed", {
        "retry-after": o.retryAfter ?? "0",
      });
    }
    if (o.unavailableNext && unavailable < o.unavailableNext) {
      unavailable++;
      return fail(res, 503, 10000, "Service unavailable");
    }
    if (req.method !== "GET") return fail(res, 405, 10405, "Method not allowed");
    const parts = url.pathname.split("/").filter(Boolean);
    if (parts.length === 1 && parts[0] === "zones") {
      const name = url.searchParams.get("name");
      const zones = o.zones
        .filter((z) => !name || z.name === name)
        .map((z) => ({ id: z.id, name: z.name, status: "active" }));
      return page(res, url, zones, o.maxPerPage ?? 50);
    }
    const zone = o.zones.find((z) => z.id === parts[1]);
    if (parts[0] !== "zones" || !zone) return fail(res, 404, 7003, "Could not route to /zones");
    const rest = parts.slice(2).join("/");
    if (rest === "dns_records") {
      const records = zone.records.map((r) => ({
        ...r,
        zone_id: zone.id,
        zone_name: zone.name,
        proxied: r.proxied ?? false,
        proxiable: r.type !== "CAA",
        ttl: r.ttl ?? 1,
        comment: null,
        tags: [],
        meta: {},
        created_on: "2026-05-01T10:00:00.000000Z",
        modified_on: "2026-05-01T10:00:00.000000Z",
      }));
      return page(res, url, records, o.maxPerPage ?? 2);
    }
    if (rest === "settings/cname_flattening") {
      return ok(res, {
        id: "cname_flattening",
        value: zone.cnameFlattening ?? "flatten_at_root",
        editable: true,
        modified_on: null,
      });
    }
    if (rest === "ssl/universal/settings") return ok(res, { enabled: zone.universalSsl ?? true });
    return fail(res, 404, 7003, `Could not route to ${url.pathname}`);
  });
}

function ok(res: ServerResponse, result: unknown, result_info?: unknown): void {
  sendJson(res, 200, {
    success: true,
    errors: [],
    messages: [],
    result,
    ...(result_info ? { result_info } : {}),
  });
}

function page(res: ServerResponse, url: URL, items: unknown[], maxPerPage: number): void {
  const perPage = Math.min(Number(url.searchParams.get("per_page") ?? 20), maxPerPage);
  const pageNo = Number(url.searchParams.get("page") ?? 1);
  const slice = items.slice((pageNo - 1) * perPage, pageNo * perPage);
  ok(res, slice, {
    page: pageNo,
    per_page: perPage,
    count: slice.length,
    total_count: items.length,
    total_pages: Math.ceil(items.length / perPage),
  });
}

function fail(
  res: ServerResponse,
  status: number,
  code: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(
    res,
    status,
    { success: false, errors: [{ code, message }], messages: [], result: null },
    headers,
  );
}
