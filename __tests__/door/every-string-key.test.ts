// Every string-valued key of the schema, found by walking the schema: text that
// Terraform or cdktf would evaluate is either refused at that key or reaches
// the synthesized JSON as the same literal text.
import { terraformLiteral } from "../../domains/terraform-literal";
import { formatPath } from "../../config/issues";
import {
  BASE_CONFIGS,
  cleanUp,
  configErrorOf,
  patternText,
  plant,
  schemaStringKeys,
  startsWith,
  synthAll,
  textsOf,
} from "./door";

/** Keys whose text never reaches Terraform, and why. */
const NOT_SYNTHESIZED: Record<string, string> = {
  $schema: "only editors read it",
};

const PAYLOADS = ['${file("/etc/passwd")}', "%{ if true }x%{ endif }", "${TfToken[TOKEN.1]}"];

afterAll(cleanUp);

describe.each(schemaStringKeys().map((p) => [patternText(p), p] as const))(
  "%s",
  (name, pattern) => {
    it.each(PAYLOADS)("refuses %j there, or writes it as a literal", (payload) => {
      const planted = plant(pattern, payload);
      if (!planted) {
        throw new Error(
          `no config in BASE_CONFIGS (__tests__/door/door.ts) holds ${name}: add one`,
        );
      }
      const error = configErrorOf(planted.yaml);
      if (error) {
        const paths = error.issues.map((i) => formatPath(i.path));
        expect({
          refusedAt: paths.filter((_, i) => startsWith(error.issues[i].path, planted.path)),
        }).not.toEqual({ refusedAt: [] });
        return;
      }
      // A token marker is never accepted, wherever it is.
      expect(payload).not.toContain("TfToken");
      if (name in NOT_SYNTHESIZED) return;
      const texts = synthAll(planted.yaml).flatMap(textsOf);
      expect(texts.some((t) => t.includes(terraformLiteral(payload)))).toBe(true);
      // And never unescaped: each `{` of the payload follows its doubled sign.
      const inner = payload.slice(1);
      const unescaped = texts.filter((t) =>
        t
          .split(inner)
          .slice(0, -1)
          .some((before) => !/([$%])\1$/.test(before)),
      );
      expect(unescaped).toEqual([]);
    });
  },
);

it("has a valid base config for every key", () => {
  for (const base of BASE_CONFIGS) {
    expect(configErrorOf(JSON.stringify(base))?.message).toBeUndefined();
  }
});
