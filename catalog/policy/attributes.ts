import { evaluate, isUnknown, toBool, toNumber, Unknown, Value } from '../terraform/hcl-expression';
import { nonCompliant, RuleResult } from './rule';

/** An attribute as a rule sees it: absent (undefined), its evaluated value, or Unknown at synth. */
export type Attribute<T> = T | undefined | Unknown;

function read<T>(raw: unknown, convert: (v: Value) => T): Attribute<T> {
  if (raw === undefined || raw === null) return undefined;
  const value = evaluate(raw);
  if (value === null) return undefined;
  if (isUnknown(value)) return asWritten(value, raw);
  try {
    return convert(value);
  } catch {
    // Terraform would refuse the value; the rule cannot say what it means, so it fails closed.
    return new Unknown('expression', typeof raw === 'string' ? raw : JSON.stringify(raw));
  }
}

/** Findings quote the value as it is written in the configuration, not the inner expression. */
function asWritten(value: Unknown, raw: unknown): Unknown {
  return typeof raw === 'string' ? new Unknown(value.kind, raw, value.address, value.attribute) : value;
}

export const boolAttribute = (raw: unknown): Attribute<boolean> => read(raw, toBool);
export const numberAttribute = (raw: unknown): Attribute<number> => read(raw, toNumber);
export const stringAttribute = (raw: unknown): Attribute<string> =>
  read(raw, (v) => {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    throw new Error('not a string');
  });

/** A list attribute, each item evaluated; the list itself may be one expression (Unknown). */
export function listAttribute(raw: unknown): Attribute<Value[]> {
  if (raw === undefined || raw === null) return undefined;
  const value = evaluate(raw);
  if (value === null) return undefined;
  if (isUnknown(value)) return asWritten(value, raw);
  return Array.isArray(value) ? value : new Unknown('expression', typeof raw === 'string' ? raw : JSON.stringify(raw));
}

/** What sets an unknown value, as written (`var.days`, `aws_kms_key.k.arn`): one interpolation loses its `${}`. */
export function setBy(unknown: Unknown): string {
  const whole = /^\$\{([\s\S]*)\}$/.exec(unknown.text.trim());
  return whole && !whole[1].includes('${') ? whole[1].trim() : unknown.text;
}

/**
 * The fail-closed finding for a value that is set but unknown: it names what sets it (never
 * "missing"), and asks for a value the guardrail can check.
 */
export function unknownAttribute(attribute: string, unknown: Unknown): RuleResult {
  return nonCompliant(`sets ${attribute} by ${setBy(unknown)}, not known before plan; ${ASK_FOR_VALUE}`);
}

export const ASK_FOR_VALUE = 'give it a value the guardrail can check (a literal, or the variable in a .tfvars file), or suppress this finding with a reason';

const KMS_KEY_ATTRIBUTES = ['arn', 'id', 'key_id', 'name', 'target_key_arn', 'target_key_id'];
const KMS_KEY_TYPES = ['aws_kms_key', 'aws_kms_alias', 'aws_kms_replica_key', 'aws_kms_external_key', 'aws_kms_replica_external_key', 'data.aws_kms_key', 'data.aws_kms_alias'];

/**
 * A KMS key argument: 'none' when absent or empty, 'key' when a literal key id/ARN/alias or a
 * reference to a KMS key or alias (a reference to a key is a key), Unknown otherwise (a variable,
 * a function, a reference to something that is not a key).
 */
export function kmsKeyAttribute(raw: unknown): 'none' | 'key' | Unknown {
  const value = stringAttribute(raw);
  if (value === undefined || value === '') return 'none';
  if (!isUnknown(value)) return 'key';
  const reference = evaluate(raw) as Unknown;
  const keyReference =
    reference.kind === 'reference' &&
    reference.address !== undefined &&
    reference.text === `${reference.address}.${reference.attribute}` &&
    KMS_KEY_ATTRIBUTES.includes(reference.attribute ?? '') &&
    KMS_KEY_TYPES.includes(reference.address.replace(/\.[^.]+$/, ''));
  if (keyReference) return 'key';
  return value;
}
