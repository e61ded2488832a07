import {
  CDKTF_TOKEN_MARKERS,
  cdktfTokenMarkerIn,
  terraformLiteral,
  terraformLiterals,
} from "../../domains/terraform-literal";

describe("terraformLiteral", () => {
  it.each([
    ['${file("/etc/passwd")}', '$${file("/etc/passwd")}'],
    ["%{ if true }x%{ endif }", "%%{ if true }x%%{ endif }"],
    // Already escaped text keeps its meaning: Terraform reads "$$${x}" as "$${x}".
    ["$${x}", "$$${x}"],
    ["%%{x}", "%%%{x}"],
    ["a$b%c {d} $ % $$ %%", "a$b%c {d} $ % $$ %%"],
    ["${a}${b}", "$${a}$${b}"],
    ["", ""],
    ['quote " newline \n unicode é 🙂', 'quote " newline \n unicode é 🙂'],
  ])("writes %j as %j", (text, literal) => {
    expect(terraformLiteral(text)).toBe(literal);
  });
});

describe("terraformLiterals", () => {
  it("escapes every string and key of plain data, and keeps other values", () => {
    expect(
      terraformLiterals({
        "${k}": ["%{v}", 1, true, null],
        nested: { a: "${b}" },
      }),
    ).toEqual({ "$${k}": ["%%{v}", 1, true, null], nested: { a: "$${b}" } });
  });

  it("returns data that needs no escaping as it is, and copies only what changes", () => {
    const plain = { a: ["x", { b: "y" }], c: { d: 1 } };
    expect(terraformLiterals(plain)).toBe(plain);
    const mixed = { keep: { b: "y" }, change: { b: "${y}" } };
    const out = terraformLiterals(mixed);
    expect(out).toEqual({ keep: { b: "y" }, change: { b: "$${y}" } });
    expect(out.keep).toBe(mixed.keep);
    expect(mixed.change.b).toBe("${y}"); // the input is never changed
  });

  it("keeps a __proto__ key an ordinary key", () => {
    const data = JSON.parse('{"__proto__": {"x": "${y}"}}') as Record<string, unknown>;
    const out = terraformLiterals(data);
    expect(Object.keys(out)).toEqual(["__proto__"]);
    expect(Object.getOwnPropertyDescriptor(out, "__proto__")?.value).toEqual({ x: "$${y}" });
  });
});

describe("cdktfTokenMarkerIn", () => {
  it("finds each of cdktf's string, list and map markers", () => {
    expect(CDKTF_TOKEN_MARKERS.map((m) => cdktfTokenMarkerIn(`a ${m}TOKEN.1]} b`))).toEqual([
      "${TfToken[",
      "#{TfToken[",
      "&{TfToken[",
    ]);
  });

  it("finds a marker that escaping would not defuse", () => {
    expect(cdktfTokenMarkerIn(terraformLiteral("${TfToken[TOKEN.1]}"))).toBe("${TfToken[");
  });

  it("finds nothing in ordinary text", () => {
    expect(cdktfTokenMarkerIn('${file("x")} TfToken {TfToken TOKEN.1')).toBeUndefined();
  });
});
