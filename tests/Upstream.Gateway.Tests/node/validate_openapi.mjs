// Validates an OpenAPI document (path given) against the OpenAPI 3.1 schema, resolving every $ref.
// Prints {"valid":true} or {"valid":false,"errors":[...]}.
import { readFileSync } from "node:fs";
import { Validator } from "@seriousme/openapi-schema-validator";

const document = JSON.parse(readFileSync(process.argv[2], "utf8"));
const validator = new Validator();
const result = await validator.validate(document);
const version = validator.version;
let refs = { valid: true };
if (result.valid) {
  try {
    validator.resolveRefs(); // throws when a $ref points nowhere
  } catch (e) {
    refs = { valid: false, errors: [String(e)] };
  }
}
const valid = result.valid && refs.valid;
console.log(JSON.stringify({ valid, version, errors: valid ? undefined : (result.errors ?? refs.errors) }));
