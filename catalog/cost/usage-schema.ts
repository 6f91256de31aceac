/**
 * The JSON Schema of a usage file (catalog/schema/usage.schema.json), generated from the usage
 * figures the resource types declare: a type that reads a new figure declares it once, in its file.
 */
import { USAGE_FIGURES } from '../resource-types/tables';

export const USAGE_SCHEMA_FILE = 'catalog/schema/usage.schema.json';

const PRICE = { type: 'string', pattern: '^[0-9]+(\\.[0-9]{1,10})?$' };

export function usageSchema(): object {
  const figures = Object.fromEntries(
    Object.entries(USAGE_FIGURES).map(([name, figure]) => [
      name,
      { type: 'number', minimum: 0, ...(figure.maximum !== undefined ? { maximum: figure.maximum } : {}), ...(figure.description ? { description: figure.description } : {}) },
    ]),
  );
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://groundwork.dev/schema/usage.schema.json',
    $comment: 'Generated from the usage figures in catalog/resource-types by npm run schemas; do not edit.',
    title: 'Groundwork usage figures',
    description: 'Monthly usage of the usage-priced items of one service (usage/<service>.json) or of every service (usage/defaults.json). Any figure left out takes the default.',
    type: 'object',
    additionalProperties: false,
    properties: {
      service: { type: 'string', minLength: 1 },
      usage: { $ref: '#/definitions/figures' },
      environments: { type: 'object', additionalProperties: { $ref: '#/definitions/figures' } },
      kubernetes: {
        type: 'object',
        additionalProperties: false,
        description: 'Override the per-vCPU-hour and per-GiB-hour node prices (USD).',
        properties: { vcpuHourUsd: PRICE, gibHourUsd: PRICE },
      },
    },
    definitions: { figures: { type: 'object', additionalProperties: false, properties: figures } },
  };
}
