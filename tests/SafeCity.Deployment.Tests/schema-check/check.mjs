// Validates every object in the YAML given on stdin (documents separated by ---) against the
// Kubernetes API's OpenAPI schemas, with kubernetes-models' precompiled validators. Prints one JSON
// line per object: its kind, name, and the schema's complaints ([] when valid). Kinds that are not
// Kubernetes' own (Dapr's) are reported with "schema": null for the caller to check.
import { parseAllDocuments } from "yaml";

const text = await new Promise((resolve) => {
  let data = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => (data += chunk));
  process.stdin.on("end", () => resolve(data));
});

for (const doc of parseAllDocuments(text)) {
  if (doc.errors.length > 0) {
    console.log(JSON.stringify({ kind: null, name: null, schema: "yaml", errors: doc.errors.map((e) => e.message) }));
    continue;
  }
  const object = doc.toJS();
  if (object === null) continue;
  const { apiVersion, kind } = object;
  const name = object.metadata?.name ?? null;
  let model;
  try {
    model = (await import(`kubernetes-models/${apiVersion}`))[kind];
  } catch {
    model = undefined;
  }
  if (!model) {
    console.log(JSON.stringify({ apiVersion, kind, name, schema: null, errors: [] }));
    continue;
  }
  try {
    new model(object).validate();
    console.log(JSON.stringify({ apiVersion, kind, name, schema: "kubernetes", errors: [] }));
  } catch (e) {
    const errors = (e.errors ?? [e]).map((x) => `${x.instancePath ?? ""} ${x.message ?? String(x)}`.trim());
    console.log(JSON.stringify({ apiVersion, kind, name, schema: "kubernetes", errors }));
  }
}
