// A stack's outputs, in a scope of their own: an output's name is its construct
// id there, so no config name can meet one of certkit's construct ids, and the
// output keeps exactly the name given (overrideLogicalId).
import { Construct } from "constructs";
import { TerraformOutput, type TerraformOutputConfig } from "cdktf";

export class Outputs extends Construct {
  /** Adds the output `name`; config rules make every name in a stack unique. */
  add(name: string, config: TerraformOutputConfig): TerraformOutput {
    const output = new TerraformOutput(this, name, config);
    output.overrideLogicalId(name);
    return output;
  }
}
