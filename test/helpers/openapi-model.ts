// The committed OpenAPI document read as a list of operations, for tests that must cover every
// route without a hand-written list: a route added to the code (and so, by the drift test, to
// the document) is fuzzed and put through the auth matrix by itself.
import { readFileSync } from 'node:fs';

/** The subset of JSON Schema the document's request schemas use. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
  example?: unknown;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The OpenAPI path, with `{name}` placeholders. */
  path: string;
  parameters: Parameter[];
  /** The JSON body schema, when the operation takes a body. */
  body: JsonSchema | null;
  bodyRequired: boolean;
  /** True when the document lists security requirements, none of them empty: the operation needs a key. */
  secured: boolean;
  /** The statuses the document says the operation answers. */
  statuses: number[];
  /** The role the description says the key needs ("Needs a key with the editor role"), if it says one. */
  role: string | null;
}

interface Document {
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

interface RawOperation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  security?: unknown[];
  responses?: Record<string, unknown>;
  description?: string;
}

const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * Whether `url` is one of `operation`'s: every path parameter a segment that is not empty once
 * the path is resolved as a client resolves it (`.` and `..` segments; the router ignores a
 * trailing slash). Otherwise it names another resource (PATCH /v1/articles/. is PATCH
 * /v1/articles/, the list's path, which answers 405), whose answers are not the operation's.
 */
export function routesTo(operation: Pick<Operation, 'path'>, url: string): boolean {
  const pattern = operation.path
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  return new RegExp(`^${pattern}/?$`).test(new URL(url, 'http://localhost').pathname);
}

export class OpenApiModel {
  readonly operations: Operation[];
  private readonly schemas: Record<string, JsonSchema>;

  constructor(document: Document) {
    this.schemas = document.components?.schemas ?? {};
    this.operations = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of methods) {
        const raw = item[method];
        if (!raw) continue;
        const content = raw.requestBody?.content ?? {};
        this.operations.push({
          method: method.toUpperCase() as Operation['method'],
          path,
          parameters: raw.parameters ?? [],
          body: content['application/json']?.schema ?? null,
          bodyRequired: raw.requestBody?.required ?? false,
          // An empty requirement among them ({}) makes the key optional: a public operation.
          secured:
            (raw.security ?? []).length > 0 &&
            !(raw.security ?? []).some((requirement) => Object.keys(requirement as object).length === 0),
          statuses: Object.keys(raw.responses ?? {}).map(Number),
          role: /Needs a key with the (\w+) role/.exec(raw.description ?? '')?.[1] ?? null,
        });
      }
    }
  }

  static load(file = 'openapi/openapi.json'): OpenApiModel {
    return new OpenApiModel(JSON.parse(readFileSync(file, 'utf8')) as Document);
  }

  /** The schema itself, with a top-level `$ref` followed. */
  resolve(schema: JsonSchema): JsonSchema {
    let current = schema;
    for (let hops = 0; current.$ref && hops < 20; hops++) {
      const name = current.$ref.replace('#/components/schemas/', '');
      const target = this.schemas[name];
      if (!target) throw new Error(`unresolvable $ref ${current.$ref}`);
      current = target;
    }
    return current;
  }
}

/** The operation's path with each `{name}` replaced by the given (already encoded) segment. */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{([^}]+)\}/g, (_match, name: string) => values[name] ?? '');
}
