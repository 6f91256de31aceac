/** The resource-type registry (catalog/resource-types): every type in every role it plays, stated once and consistently. */
import * as fs from 'fs';
import * as path from 'path';
import taggableTypes from '../catalog/policy/aws-taggable-types.json';
import { priceItemOf } from '../catalog/cost/price-items';
import { RESOURCE_TYPES, TYPE_FILES } from '../catalog/resource-types/index';
import { awsResourceSchemas, withTerraform } from './helpers/terraform';
import { cleanUp, tempDir } from './helpers/synth';
import { DELETION_PROTECTION, FREE_TYPES, PRICE_ITEMS, PRICERS, PRIMARY_TYPES, STATEFUL_TYPES, TYPE_BY_NAME, USAGE_FIGURES } from '../catalog/resource-types/tables';

const folder = path.join(__dirname, '..', 'catalog', 'resource-types');
const PROVIDERS = ['aws', 'kubernetes', 'github'];
const names = (d: (typeof RESOURCE_TYPES)[number]) => [d.type, ...(d.aliases ?? [])];

test('every file under aws/, kubernetes/ and github/ is listed in index.ts, and declares the type it is named after', () => {
  const files = PROVIDERS.flatMap((p) => fs.readdirSync(path.join(folder, p)).map((f) => `${p}/${f}`)).sort();
  const listed = TYPE_FILES.map((d) => `${d.type.split('_')[0]}/${d.type}.ts`).sort();
  expect(listed).toEqual(files);
});

test('no name (type or alias) is claimed twice, and an alias is of its type\'s provider', () => {
  const all = RESOURCE_TYPES.flatMap(names);
  expect(all.length).toBe(new Set(all).size);
  for (const d of RESOURCE_TYPES) for (const alias of d.aliases ?? []) expect(`${alias.split('_')[0]} ${alias}`).toBe(`${d.type.split('_')[0]} ${alias}`);
});

test('an alias plays every role its type plays (aws_alb is priced and a catalog load balancer, as aws_lb is)', () => {
  for (const [name, d] of TYPE_BY_NAME) {
    const row = (n: string) => ({ priced: n in PRICERS, free: FREE_TYPES.has(n), kind: PRIMARY_TYPES[n]?.kind, stateful: STATEFUL_TYPES[n]?.what, protection: DELETION_PROTECTION[n]?.attribute });
    expect({ name, ...row(name) }).toEqual({ name, ...row(d.type) });
  }
  expect(PRIMARY_TYPES.aws_alb?.kind).toBe('load-balancer');
  expect('aws_alb' in PRICERS).toBe(true);
});

test('every known type is priced, free or explicitly not priced, never two of them', () => {
  for (const name of TYPE_BY_NAME.keys()) {
    const d = TYPE_BY_NAME.get(name)!;
    const roles = [name in PRICERS, FREE_TYPES.has(name), d.pricing === 'not priced'].filter(Boolean).length;
    expect({ name, roles }).toEqual({ name, roles: 1 });
  }
});

test('AWS types state their taggability, and it agrees with the provider schema list (aws-taggable-types.json)', () => {
  const taggable = new Set(taggableTypes.types);
  for (const d of RESOURCE_TYPES.filter((t) => t.type.startsWith('aws_'))) {
    for (const name of names(d)) expect({ name, taggable: d.taggable }).toEqual({ name, taggable: taggable.has(name) });
  }
  for (const d of RESOURCE_TYPES.filter((t) => !t.type.startsWith('aws_'))) expect({ type: d.type, taggable: d.taggable }).toEqual({ type: d.type, taggable: undefined });
});

test('data stores that hold data are stateful, with the attributes that replace them', () => {
  for (const [name, rule] of Object.entries(PRIMARY_TYPES)) {
    if (['database', 'queue', 'bucket'].includes(rule.kind)) expect({ name, stateful: Boolean(STATEFUL_TYPES[name]) }).toEqual({ name, stateful: true });
  }
  for (const [name, stateful] of Object.entries(STATEFUL_TYPES)) expect({ name, replacedBy: stateful.replacedBy.length > 0 }).toEqual({ name, replacedBy: true });
});

test('scorecard roles sit on the types they describe', () => {
  for (const d of RESOURCE_TYPES) {
    for (const role of d.scorecard ?? []) {
      const expected = { 'database-backups': d.catalog?.kind === 'database', 'multi-az-production': Boolean(d.stateful), workload: d.catalog?.kind === 'workload', repository: d.catalog?.kind === 'repository', autoscaler: true, 'disruption-budget': true }[role];
      expect({ type: d.type, role, fits: expected }).toEqual({ type: d.type, role, fits: true });
    }
  }
});

test('each price item and each usage figure is declared by one type only', () => {
  const keys = PRICE_ITEMS.map((i) => i.key);
  expect(keys.length).toBe(new Set(keys).size);
  const figures = RESOURCE_TYPES.flatMap((d) => Object.keys(d.usage ?? {}));
  expect(figures.length).toBe(new Set(figures).size);
  expect(Object.keys(USAGE_FIGURES)).toEqual(figures);
  // A key pattern is matched by its own item only (first match wins in priceItemOf).
  for (const item of PRICE_ITEMS.filter((i) => !i.key.includes('{'))) expect(priceItemOf(item.key)?.item.key).toBe(item.key);
});

test('a type without a pricer declares no price items (nothing would charge them)', () => {
  for (const d of RESOURCE_TYPES) if (typeof d.pricing !== 'object') expect({ type: d.type, items: d.priceItems?.length ?? 0 }).toEqual({ type: d.type, items: 0 });
});

withTerraform.describe('against the AWS provider schema (terraform providers schema -json, hashicorp/aws 5.100.0)', () => {
  let schemas: ReturnType<typeof awsResourceSchemas>;
  beforeAll(() => {
    schemas = awsResourceSchemas(tempDir());
  }, 120_000);
  afterAll(cleanUp);

  test('every AWS name is a resource type of the provider', () => {
    const unknown = RESOURCE_TYPES.filter((d) => d.type.startsWith('aws_')).flatMap(names).filter((name) => !schemas[name]);
    expect(unknown).toEqual([]);
  });

  test('every attribute a type reads, is replaced on or is protected by is an argument or block of it', () => {
    const wrong: string[] = [];
    for (const d of RESOURCE_TYPES.filter((t) => t.type.startsWith('aws_'))) {
      const block = schemas[d.type]?.block;
      const known = new Set([...Object.keys(block?.attributes ?? {}), ...Object.keys(block?.block_types ?? {})]);
      for (const attribute of [...(d.attributes ?? []), ...(d.stateful?.replacedBy ?? []), ...(d.deletionProtection ? [d.deletionProtection.attribute] : [])]) {
        if (!known.has(attribute)) wrong.push(`${d.type}.${attribute}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

test('a new type is one definition: its pricer, price item, usage figure, catalog kind and stateful role reach every table', () => {
  jest.isolateModules(() => {
    jest.doMock('../catalog/resource-types/index', () => {
      const actual = jest.requireActual('../catalog/resource-types/index');
      const stateMachine = {
        type: 'aws_sfn_state_machine',
        catalog: { kind: 'compute', name: () => 'flow' },
        stateful: { what: 'state machine', replacedBy: ['name'] },
        taggable: true,
        usage: { sfnTransitionsThousands: { default: 3, description: 'thousand state transitions per state machine per month' } },
        pricing: { pricer: (_r: unknown, { usage }: { usage: Record<string, number> }) => ({ charges: [{ item: 'sfn.transitions.1k', quantity: usage.sfnTransitionsThousands, what: 'thousand transitions' }] }) },
        priceItems: [{ key: 'sfn.transitions.1k', unit: '1K transitions', offer: () => ({ offerCode: 'AWSStepFunctions', productFamily: 'AWS Step Functions', usagetype: 'StateTransition', unit: 'Transitions', scale: 3 }) }],
      };
      return { ...actual, RESOURCE_TYPES: [...actual.RESOURCE_TYPES, stateMachine] };
    });
    const tables = require('../catalog/resource-types/tables');
    const { priceItemOf } = require('../catalog/cost/price-items');
    const { DEFAULT_USAGE } = require('../catalog/cost/usage');
    const { usageSchema } = require('../catalog/cost/usage-schema');
    const record = { stack: 's', address: 'aws_sfn_state_machine.flow', type: 'aws_sfn_state_machine', body: {}, tags: {}, ownership: {}, provider: 'aws', name: 'flow' };
    expect(tables.PRICERS.aws_sfn_state_machine(record, { usage: DEFAULT_USAGE, isDeadLetterQueue: false, resourcesOfType: () => [] })).toEqual({ charges: [{ item: 'sfn.transitions.1k', quantity: 3, what: 'thousand transitions' }] });
    expect(priceItemOf('sfn.transitions.1k')?.item.unit).toBe('1K transitions');
    expect(tables.PRIMARY_TYPES.aws_sfn_state_machine.kind).toBe('compute');
    expect(tables.STATEFUL_TYPES.aws_sfn_state_machine.what).toBe('state machine');
    expect((usageSchema() as { definitions: { figures: { properties: Record<string, unknown> } } }).definitions.figures.properties.sfnTransitionsThousands).toEqual({ type: 'number', minimum: 0, description: 'thousand state transitions per state machine per month' });
  });
});
