// API Gateway names: the paths of API mappings, and their part in Terraform ids.

/** HTTP and WebSocket APIs (API Gateway v2), or REST APIs (v1). */
export type ApiType = "http" | "rest";

/**
 * API mapping paths: letters, digits and $-_.+!*'(), at most 300 characters; "/"
 * between levels only on a regional TLS 1.2 domain through the API Gateway v2 API
 * (AWS, "Map API stages to a custom domain name for HTTP APIs" and "Use API
 * mappings to connect API stages to a custom domain name for REST APIs"). certkit
 * maps REST APIs with aws_api_gateway_base_path_mapping (v1), so one level there.
 */
const MAPPING_SEGMENT = /^[A-Za-z0-9$\-_.+!*'()]+$/;
const MAX_API_MAPPING_PATH = 300;

export function apiGatewayBasePathProblem(value: string, type: ApiType): string | undefined {
  const segments = value.split("/");
  const fix = `Fix: write ${type === "http" ? "levels of " : "one level of "}letters, digits and $-_.+!*'()${type === "http" ? ' separated by "/"' : ""}, without leading or trailing "/", such as "orders"${type === "http" ? ' or "orders/v1"' : ""}, or leave basePath out to map the domain's root.`;
  if (value.length > MAX_API_MAPPING_PATH)
    return `is longer than API Gateway's ${MAX_API_MAPPING_PATH} characters (${value.length}). ${fix}`;
  if (type === "rest" && segments.length > 1)
    return `has several levels, got ${JSON.stringify(value)}; certkit maps REST APIs with aws_api_gateway_base_path_mapping, which takes one. ${fix}`;
  if (segments.every((s) => MAPPING_SEGMENT.test(s))) return undefined;
  return `is not an API Gateway base path, got ${JSON.stringify(value)}. ${fix}`;
}

/**
 * A base path as part of a Terraform id: "root" for none, else "path_" and the path
 * with each character other than letters, digits and "-" written as "_" and its two
 * hex digits. Injective, so two paths of one domain never share an id.
 */
export function apiMappingIdPart(basePath: string | undefined): string {
  if (basePath === undefined) return "root";
  const encoded = basePath.replace(
    /[^A-Za-z0-9-]/g,
    (c) => `_${c.charCodeAt(0).toString(16).padStart(2, "0")}`,
  );
  return `path_${encoded}`;
}
