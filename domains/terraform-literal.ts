// The one door from config text to Terraform text. No cdktf here.
//
// Terraform's JSON syntax reads every string as a template: `${...}` interpolates
// and `%{...}` is a directive, in values and in object keys alike; `$${` and `%%{`
// stand for the literal text (developer.hashicorp.com/terraform/language/expressions/strings).
// cdktf does not escape plain strings (only arguments of its Fn helpers), so
// certkit does. Checked against terraform 1.11: "$$${x}" yields "$${x}", i.e.
// text that already holds "$${" keeps its meaning once escaped.

const TEMPLATE_START = /[$%]\{/;

/**
 * `text` as a Terraform literal: `${` -> `$${`, `%{` -> `%%{`. Nothing else
 * changes: a `$` or `%` not followed by `{` is literal already.
 */
export function terraformLiteral(text: string): string {
  return TEMPLATE_START.test(text) ? text.replace(/([$%])\{/g, "$1$1{") : text;
}

/**
 * Plain data (objects, arrays, strings, numbers, booleans) in which every string
 * and every object key is a Terraform literal. What needs no escaping is returned
 * as it is, not copied: the resolved model of 1,000 certificates holds almost no
 * such text, and copying it all was a tenth of loading the config.
 */
export function terraformLiterals<T>(value: T): T {
  if (typeof value === "string") return terraformLiteral(value) as T;
  if (Array.isArray(value)) {
    const out = value.map((v: unknown) => terraformLiterals(v));
    return (out.some((v, i) => v !== value[i]) ? out : value) as T;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    const escaped = entries.map(([k, v]) => [terraformLiteral(k), terraformLiterals(v)] as const);
    if (escaped.every(([k, v], i) => k === entries[i][0] && v === entries[i][1])) return value;
    // defineProperty keeps a key such as `__proto__` an ordinary key.
    const out = {};
    for (const [k, v] of escaped) {
      Object.defineProperty(out, k, {
        value: v,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out as T;
  }
  return value;
}

/**
 * The markers cdktf resolves inside any string it is given (string, list and map
 * tokens: cdktf/lib/tokens/private/encoding.js). Escaping cannot defuse them:
 * `$${TfToken[TOKEN.1]}` still holds the marker, and cdktf would replace it with
 * a reference to another resource.
 */
export const CDKTF_TOKEN_MARKERS = ["${TfToken[", "#{TfToken[", "&{TfToken["] as const;

/** The first cdktf token marker in `text`, or undefined when there is none. */
export function cdktfTokenMarkerIn(text: string): string | undefined {
  return CDKTF_TOKEN_MARKERS.find((m) => text.includes(m));
}
