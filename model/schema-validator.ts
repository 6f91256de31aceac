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
