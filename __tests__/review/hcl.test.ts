// The review HCL: `terraform fmt` leaves it unchanged (so the built-in formatter
// and terraform agree), and it reads back as the synthesized JSON.
import { parse } from "@cdktf/hcl2json";
import { Json, JsonObject, stackToHcl } from "../../review/hcl";
import { bareExpression, literalString, stringValue } from "../../review/hcl-expression";
import { terraformFmt } from "../../review/terraform-fmt";
import { bundledConfigs, fmtClean, reviewOfFile, testWithTerraform } from "./helpers";

describe.each(bundledConfigs())("review HCL of %s", (file) => {
  testWithTerraform(
    "is terraform fmt-clean: the built-in formatter gives what terraform fmt gives",
    () => {
      const { review } = reviewOfFile(file);
      const tf = [...review.files].filter(([name]) => name.endsWith(".tf"));
      expect(tf.length).toBeGreaterThan(0);
      for (const [name, hcl] of tf) {
        expect({ name, hcl: terraformFmt(hcl) }).toEqual({ name, hcl });
        expect(fmtClean(hcl)).toBe(true);
      }
    },
  );

  test("parses back to the synthesized JSON: same resources, arguments, blocks and references", async () => {
    const { review, stacks } = reviewOfFile(file);
    for (const stack of stacks) {
      const hcl = review.files.get(`${stack.name}.tf`)!;
      const parsed = (await parse(`${stack.name}.tf`, hcl)) as Json;
      const fromHcl = normalise(parsed);
      const fromJson = normalise(stack.json);
      expect(addresses(fromHcl)).toEqual(addresses(fromJson));
      expect(references(fromHcl)).toEqual(references(fromJson));
      expect(fromHcl).toEqual(fromJson);
    }
  });
});

test("the stack's metadata is not in the HCL: no cdktf paths, versions or absolute paths", () => {
  const { review } = reviewOfFile("certkit.yaml");
  for (const [name, text] of review.files) {
    expect({
      name,
      metadata: /"\/\/"|uniqueId|stackName|\/work\/|\/home\/|\/tmp\//.test(text),
    }).toEqual({
      name,
      metadata: false,
    });
  }
});

describe("strings", () => {
  test("a single interpolation becomes the bare expression", () => {
    expect(stringValue("${aws_acm_certificate.web.arn}")).toBe("aws_acm_certificate.web.arn");
  });

  test("expressions get terraform's spacing", () => {
    expect(stringValue('${join( ",",[ "a","b" ] )}')).toBe('join(",", ["a", "b"])');
    expect(stringValue("${var.a?-1:2}")).toBe("var.a ? -1 : 2");
    expect(stringValue("${[for o in x.y : o.a if !o.b]}")).toBe("[for o in x.y : o.a if !o.b]");
    expect(stringValue("${x[*].id}")).toBe("x[*].id");
  });

  test("text around interpolations stays a quoted template, escaped for HCL", () => {
    expect(stringValue('a "b" \\ ${x.y}\n$${z}')).toBe('"a \\"b\\" \\\\ ${x.y}\\n$${z}"');
  });

  test("a quote inside an interpolation's string is not the end of the template", () => {
    expect(stringValue('${format("%s}", "}")}')).toBe('format("%s}", "}")');
  });

  test("literal settings cannot interpolate: ${ is escaped", () => {
    expect(literalString("state/${x}.tfstate")).toBe('"state/$${x}.tfstate"');
  });

  test("references given as strings are bare", () => {
    expect(bareExpression("aws.us_east_1")).toBe("aws.us_east_1");
    expect(bareExpression("${aws_sns_topic.t}")).toBe("aws_sns_topic.t");
  });
});

describe("blocks and arguments", () => {
  const hcl = stackToHcl({
    provider: {
      aws: [
        { region: "us-east-1", alias: "us_east_1" },
        { region: "eu-west-1", default_tags: [{ tags: { a: "b" } }] },
      ],
    },
    data: { cloudflare_zone: { z: { filter: { name: "example.org" } } } },
    resource: {
      aws_acm_certificate: {
        web: { domain_name: "a.example.com", options: { x: "y" }, tags: { Name: "n" } },
      },
    },
  });

  test("a framework provider's nested object is an argument", () => {
    expect(hcl).toContain('  filter = {\n    name = "example.org"\n  }');
  });

  test("an SDK provider's nested object is a block, a map argument stays an argument", () => {
    expect(hcl).toContain('  options {\n    x = "y"\n  }');
    expect(hcl).toContain('  tags = {\n    Name = "n"\n  }');
    expect(hcl).toContain("  default_tags {\n    tags = {");
  });

  test("the default provider comes before aliased ones, whatever the JSON order", () => {
    expect(hcl.indexOf('region = "eu-west-1"')).toBeLessThan(hcl.indexOf('alias  = "us_east_1"'));
  });
});

// Formatting cases the bundled configs may not have: quoted and non-ASCII keys,
// nested lists of objects, repeated blocks, meta-arguments, templates with escapes.
testWithTerraform("corner cases format as terraform fmt formats them", () => {
  const hcl = stackToHcl({
    terraform: {
      backend: {
        s3: { bucket: "b", key: "k/${x}", assume_role: { role_arn: "arn" }, use_lockfile: true },
      },
      required_version: ">= 1.10",
    },
    locals: {
      cond: "${var.a ? -var.b : 2}",
      obj: "${{a=1, b = [1,2]}}",
      map: "${{for k,v in var.m: k=>v...}}",
      esc: 'quote " back \\ nl \n tab \t $${x} %%{y}',
      ops: "${var.a+var.b*2/3%4 == 5 && var.c != 6 || var.d >= 7}",
      dir: "%{ if var.x }yes%{ endif }",
    },
    data: {
      aws_lb: { alb: { tags: { "elbv2.k8s.aws/cluster": "prod", "ü-key": "v", true: "t" } } },
    },
    resource: {
      aws_lb_listener: {
        https: {
          port: 443,
          ratio: 0.5,
          default_action: [
            { type: "redirect", redirect: { port: "443", status_code: "HTTP_301" } },
            { type: "forward" },
          ],
          depends_on: ["aws_acm_certificate_validation.web"],
          provider: "aws.us_east_1",
          lifecycle: { ignore_changes: ["tags"], create_before_destroy: true },
        },
      },
      cloudflare_dns_record: {
        r: { data: { flags: 0, tag: "issue" }, list: [{ a: 1, bb: [{ c: null }] }], empty: [] },
      },
    },
    output: { o: { value: "${aws_x.y.id}", description: "has ${dollar}", sensitive: true } },
  });
  expect(terraformFmt(hcl)).toBe(hcl);
});

// --- normalising both sides -------------------------------------------------------------

const REFERENCE_KEYS = new Set([
  "provider",
  "depends_on",
  "ignore_changes",
  "replace_triggered_by",
]);

/**
 * Both forms in one shape: cdktf metadata dropped; a one-item list of objects
 * (hcl2json's form of a block or a labelled body) as the object; expressions
 * without white space outside string literals; references as `${...}`;
 * provider configurations in alias order.
 */
function normalise(value: Json, key = ""): Json {
  if (Array.isArray(value)) {
    const items = value.map((v) => normalise(v, key));
    if (key === "__provider_configs") items.sort((a, b) => (alias(a) < alias(b) ? -1 : 1));
    if (items.length === 1 && isObject(items[0]) && !REFERENCE_KEYS.has(key)) return items[0];
    return items;
  }
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (k === "//") continue;
      out[k] =
        key === "provider" && Array.isArray(v)
          ? normalise(v, "__provider_configs")
          : normalise(v, k);
    }
    return out;
  }
  if (typeof value === "string") {
    const ref = REFERENCE_KEYS.has(key) && !value.startsWith("${") ? `\${${value}}` : value;
    return ref.includes("${") ? withoutSpaces(ref) : ref;
  }
  return value;
}

const isObject = (v: Json | undefined): v is JsonObject =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const alias = (v: Json) => (isObject(v) && typeof v.alias === "string" ? v.alias : "");

/** White space outside double-quoted strings removed. */
function withoutSpaces(s: string): string {
  let out = "";
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted && c === "\\") {
      out += s.slice(i, i + 2);
      i++;
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (!quoted && /\s/.test(c)) continue;
    out += c;
  }
  return out;
}

/** `resource.type.name`, `data.type.name`, `output.name` and provider names. */
function addresses(stack: Json): string[] {
  if (!isObject(stack)) return [];
  const out: string[] = [];
  for (const kind of ["resource", "data"]) {
    const byType = stack[kind];
    if (!isObject(byType)) continue;
    for (const [type, byName] of Object.entries(byType)) {
      if (isObject(byName)) out.push(...Object.keys(byName).map((n) => `${kind}.${type}.${n}`));
    }
  }
  for (const kind of ["output", "provider"]) {
    const named = stack[kind];
    if (isObject(named)) out.push(...Object.keys(named).map((n) => `${kind}.${n}`));
  }
  return out.sort();
}

/** Every `type.name` (and `data.type.name`) an expression mentions. */
function references(stack: Json): string[] {
  const found = new Set<string>();
  const walk = (v: Json) => {
    if (typeof v === "string") {
      for (const m of v.matchAll(/(?:data\.)?[a-z][a-z0-9]*_[a-z0-9_]+\.[A-Za-z0-9_-]+/g))
        found.add(m[0]);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (isObject(v)) Object.values(v).forEach(walk);
  };
  walk(stack);
  return [...found].sort();
}
