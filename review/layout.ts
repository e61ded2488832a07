// Where the review writes each stack's HCL. `flat`: `<stack>.tf` side by side
// (the default). `stacks`: `stacks/<stack>/main.tf`, one folder per stack, each
// a root module of its own, so that a VCS-driven Terraform Cloud workspace can
// use the folder as its working directory. Pure.

export const LAYOUTS = ["flat", "stacks"] as const;
export type ReviewLayout = (typeof LAYOUTS)[number];

/** The `stacks` layout's folder of stack folders, and the file in each. */
export const STACKS_DIR = "stacks";
export const STACK_MAIN = "main.tf";

export function isLayout(value: string): value is ReviewLayout {
  return (LAYOUTS as readonly string[]).includes(value);
}

/** The stack's HCL file, relative to the review folder, with `/`. */
export function hclFile(stack: string, layout: ReviewLayout = "flat"): string {
  return layout === "stacks" ? `${STACKS_DIR}/${stack}/${STACK_MAIN}` : `${stack}.tf`;
}
