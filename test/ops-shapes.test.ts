/**
 * `npm run ops` edits service files through the TypeScript compiler API: on the shapes people
 * write (comments, multi-line objects, spread props, computed values) it changes exactly the
 * value it sets and keeps everything else byte for byte, or refuses in one sentence.
 */
import * as fs from 'fs';
import * as path from 'path';
import { planScale } from '../scripts/service-operations';
import { projectCopy } from './helpers/project';
import { cleanUp, errorOf } from './helpers/synth';

afterAll(cleanUp);

const root = projectCopy();
let count = 0;
/** A service file `shape-<n>.ts` declaring service `shape-<n>` with the given props text; returns the service name and the file's text. */
function service(props: string, before = ''): { name: string; text: string } {
  const name = `shape-${++count}`;
  const text = `import { HttpService } from '../../golden-paths/http-service';
import type { Organisation } from '../../golden-paths/organisation';
${before}
export function shape${count}(org: Organisation): HttpService {
  return new HttpService(org, '${name}', {
    owner: 'payments', // the team
    description: 'Odd shapes', /* a block comment */ version: '1.0.0',
${props}
  });
}
`;
  fs.writeFileSync(path.join(root, 'stacks/services', `${name}.ts`), text);
  return { name, text };
}

describe('comments and a multi-line map keep their place', () => {
  const props = `    replicas: /* launch */ 3, // three for the launch
    replicasIn: {
      // production needs more
      production: 4, // peak
    },`;

  test('a new environment entry goes on its own line, in the map\'s indentation, after the comment that ends the last entry', () => {
    const { name, text } = service(props);
    const change = planScale(root, name, '2', 'staging');
    expect(change.after).toBe(text.replace('      production: 4, // peak\n', '      production: 4, // peak\n      staging: 2,\n'));
  });

  test('an existing entry: only its value changes', () => {
    const { name, text } = service(props);
    expect(planScale(root, name, '5', 'production').after).toBe(text.replace('production: 4, // peak', 'production: 5, // peak'));
  });

  test('every environment: only the value of replicas, between its comments', () => {
    const { name, text } = service(props);
    expect(planScale(root, name, '6', undefined).after).toBe(text.replace('replicas: /* launch */ 3, // three', 'replicas: /* launch */ 6, // three'));
  });

  test('an inline map stays inline', () => {
    const { name, text } = service("    replicas: 3,\n    replicasIn: { production: 4 },");
    expect(planScale(root, name, '2', 'staging').after).toBe(text.replace('replicasIn: { production: 4 }', 'replicasIn: { production: 4, staging: 2 }'));
  });

  test('an absent map is written after replicas, on a line of its own', () => {
    const { name, text } = service('    replicas: 3, // steady');
    expect(planScale(root, name, '2', 'staging').after).toBe(text.replace('    replicas: 3, // steady\n', '    replicas: 3, // steady\n    replicasIn: { staging: 2 },\n'));
  });
});

describe('what is not a literal is refused in one sentence, naming the file, the prop and what is written', () => {
  const refused = (props: string, replicas: string, env: string | undefined, before = '') => {
    const { name } = service(props, before);
    const message = errorOf(() => planScale(root, name, replicas, env));
    expect(message).not.toMatch(/\n\s+at /);
    return message.replace(`stacks/services/${name}.ts`, '<file>').replace(name, '<name>');
  };

  test('spread props', () => {
    expect(refused('    ...common,\n    replicas: 3,', '4', undefined, "const common = { tier: 2 } as const;\n")).toBe(
      '<file>: the props of <name> use a spread (...), so ops cannot tell where each prop is set; edit it by hand.',
    );
  });

  test('a computed value', () => {
    expect(refused('    replicas: 2 * 2,', '4', undefined)).toBe('<file>: prop replicas of <name> is 2 * 2, not a literal value ops can read or edit; edit it by hand.');
  });

  test('a value from a constant', () => {
    expect(refused('    replicas: BASE,', '4', undefined, 'const BASE = 3;\n')).toBe('<file>: prop replicas of <name> is BASE, not a literal value ops can read or edit; edit it by hand.');
  });

  test('a spread inside the map', () => {
    expect(refused('    replicasIn: { ...peak, staging: 2 },', '4', 'production', 'const peak = { production: 4 };\n')).toBe(
      '<file>: prop replicasIn of <name> is { ...peak, staging: 2 }, not a literal value ops can read or edit; edit it by hand.',
    );
  });

  test('a computed key in the map', () => {
    expect(refused("    replicasIn: { ['prod' + 'uction']: 4 },", '4', 'staging')).toBe(
      "<file>: prop replicasIn of <name> is { ['prod' + 'uction']: 4 }, not a literal value ops can read or edit; edit it by hand.",
    );
  });

  test('an entry written twice', () => {
    expect(refused('    replicasIn: { production: 4, production: 5 },', '6', 'production')).toBe('<file>: replicasIn.production of <name> is written 2 times; keep one and run ops again.');
  });

  test('a prop written twice', () => {
    expect(refused('    replicas: 3,\n    replicas: 4,', '5', undefined)).toBe('<file>: prop replicas of <name> is written 2 times; keep one and run ops again.');
  });
});
