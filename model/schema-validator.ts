import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** One shared ajv instance: schemas compile once per process. */
let shared: Ajv | undefined;

export function ajv(): Ajv {
  if (!shared) {
    // strictRequired off: `anyOf: [{ required: [a] }, { required: [b] }]` is how a schema says "one of these".
    shared = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
    addFormats(shared);
    // Annotations Groundwork reads back when it turns ajv errors into sentences.
    shared.addVocabulary(['x-rule', 'x-interpolation']);
  }
  return shared;
}

export function compile<T>(schema: object): ValidateFunction<T> {
  return ajv().compile<T>(schema);
}

/** `/teams/payments/costCenters/0` reads better as `teams.payments.costCenters[0]`. */
export function readablePath(instancePath: string): string {
  if (!instancePath) return '(top level)';
  return instancePath
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part, i) => (/^\d+$/.test(part) ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join('');
}

/** Generic ajv error to one sentence, for documents (settings, price tables, usage files). */
export function describeSchemaError(error: ErrorObject): string {
  const where = readablePath(error.instancePath);
  switch (error.keyword) {
    case 'required':
      return `${where} is missing the required property "${(error.params as { missingProperty: string }).missingProperty}"`;
    case 'additionalProperties':
      return `${where} has an unknown property "${(error.params as { additionalProperty: string }).additionalProperty}"`;
    case 'enum':
      return `${where} must be one of: ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
}

/** The last validation's errors as sentences, one per distinct problem (ajv reports every failing branch). */
export function schemaProblems(validate: { errors?: ErrorObject[] | null }): string[] {
  return uniqueSentences((validate.errors ?? []).map(describeSchemaError));
}

/** ajv reports every failing branch; keep one sentence per distinct problem, in a stable order. */
export function uniqueSentences(sentences: string[]): string[] {
  return [...new Set(sentences)];
}

/**
 * The first ajv error of a document's shape as one sentence naming where and what was found
 * there, e.g. `resource.aws_s3_bucket.b must be an object, not null`: for inputs whose shape is
 * checked before any reader trusts it (Terraform JSON, manifests). The value itself is never
 * quoted, only its kind.
 */
export function describeShapeError(error: ErrorObject, document: unknown): string {
  const where = error.instancePath ? readablePath(error.instancePath) : 'the top level';
  const found = kindOf(valueAt(document, error.instancePath));
  switch (error.keyword) {
    case 'type': {
      const expected = ([] as string[]).concat((error.params as { type: string | string[] }).type);
      return `${where} must be ${expected.map((t) => KINDS[t] ?? t).join(' or ')}, not ${found}`;
    }
    case 'minItems':
      return (error.params as { limit: number }).limit === 1 ? `${where} must not be an empty list` : `${where} ${error.message}`;
    case 'minLength':
      return `${where} must not be empty`;
    default:
      return error.instancePath ? describeSchemaError(error) : describeSchemaError(error).replace('(top level)', where);
  }
}

const KINDS: Record<string, string> = { object: 'an object', array: 'a list', string: 'a string', number: 'a number', integer: 'a whole number', boolean: 'true or false', null: 'null' };

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'boolean') return String(value);
  return KINDS[typeof value] ?? typeof value;
}

function valueAt(document: unknown, pointer: string): unknown {
  let value = document;
  for (const part of pointer ? pointer.slice(1).split('/') : []) value = (value as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return value;
}
