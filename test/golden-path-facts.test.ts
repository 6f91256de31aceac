/** Each golden path states a fact once: its defaults (used by the class, shown by the options) and its day-2 operations. */
import { allOptions, COMMON_DEFAULTS, GoldenPathDefinition, operationsOf, operationsProblem, withDefaults } from '../golden-paths/golden-path-definition';
import { HTTP_SERVICE_DEFAULTS, HTTP_SERVICE_PATH } from '../golden-paths/http-service';
import { goldenPaths } from '../golden-paths/registry';
import { errorOf } from './helpers/synth';

const defaultsOf = (p: GoldenPathDefinition): Record<string, unknown> => ({ ...COMMON_DEFAULTS, ...p.defaults });

test.each(goldenPaths().map((p) => [p.name, p]))('%s: every option whose prop has a default shows that one value', (_, path) => {
  const defaults = defaultsOf(path);
  const shown = allOptions(path).filter((o) => defaults[o.prop] !== undefined).map((o) => [o.prop, o.default]);
  expect(shown).toEqual(shown.map(([prop]) => [prop, String(defaults[prop!])]));
  // What is left is said in words ("none", "every path", "2 in production, 1 elsewhere"), never a value the code would repeat.
  const rest = allOptions(path).filter((o) => defaults[o.prop] === undefined && !o.required);
  expect(rest.filter((o) => /^[A-Za-z0-9_.-]+$/.test(o.default) && o.default !== 'none' && o.default !== 'replicas').map((o) => `${o.flag}: ${o.default}`)).toEqual([]);
});

test('an option that states a default its golden path already gives is refused: the fact would be stated twice', () => {
  expect(errorOf(() => withDefaults({ port: 8080 }, [{ flag: 'port', prop: 'port', type: 'integer', description: 'container port', default: '8081' }]))).toBe(
    'Golden path option --port states the default "8081" although its defaults give port one; state it once, in the defaults.',
  );
});

test('a golden path definition carries the defaults its class applies', () => {
  expect(HTTP_SERVICE_PATH.defaults).toMatchObject(HTTP_SERVICE_DEFAULTS);
  expect(HTTP_SERVICE_PATH.defaults).toMatchObject({ port: 8080, expose: 'cluster', version: '0.1.0' });
});

test('day-2 operations are declared by each golden path, not inferred', () => {
  expect(Object.fromEntries(goldenPaths().map((p) => [p.name, operationsOf(p)]))).toEqual({
    'fine-tuning-job': [],
    'http-service': ['restart', 'rollback', 'scale'],
    'knowledge-base': [],
    'scheduled-job': ['rollback'],
    'static-site': [],
    worker: ['restart', 'rollback', 'scale'],
  });
  for (const p of goldenPaths()) expect(operationsProblem(p)).toBeUndefined();
});

test('a golden path declaring an operation ops could not carry out is one sentence', () => {
  const site = goldenPaths().find((p) => p.name === 'static-site')!;
  expect(operationsProblem({ ...site, operations: ['scale'] })).toBe('golden path static-site declares scale but has no replicas or replicasIn option for ops to edit');
  expect(operationsProblem({ ...site, operations: ['rollback'] })).toBe('golden path static-site declares rollback but has no version option for ops to edit');
});
