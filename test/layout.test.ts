/** The layout holds: arrows between rooms point one way only (README "Layout"). */
import * as fs from 'fs';
import * as path from 'path';

const repo = path.join(__dirname, '..');

/** Every .ts file under a folder, with the project-relative files it imports and the packages. */
function imports(folder: string): Array<{ file: string; targets: string[]; packages: string[] }> {
  const files = fs.readdirSync(path.join(repo, folder), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  return files.map((f) => {
    const file = path.join(folder, f);
    const text = fs.readFileSync(path.join(repo, file), 'utf8');
    const specs = [...text.matchAll(/(?:from|import\(|require\()\s*'([^']+)'/g)].map((m) => m[1]);
    return {
      file,
      targets: specs.filter((s) => s.startsWith('.')).map((s) => path.relative(repo, path.resolve(path.dirname(path.join(repo, file)), s))),
      packages: specs.filter((s) => !s.startsWith('.')),
    };
  });
}

const room = (target: string) => target.split(path.sep).slice(0, target.startsWith(`catalog${path.sep}`) && target.split(path.sep).length > 2 ? 2 : 1).join('/');

test.each([
  ['model', ['model']],
  ['constructs', ['constructs', 'model']],
  ['golden-paths', ['golden-paths', 'constructs', 'model']],
])('%s imports only %j of the project', (folder, allowed) => {
  const wrong = imports(folder).flatMap(({ file, targets }) => targets.filter((t) => !allowed.includes(t.split(path.sep)[0])).map((t) => `${file} -> ${t}`));
  expect(wrong).toEqual([]);
});

test('synth/ (the synth engine) imports only synth/, model/ and the shared Terraform reader catalog/terraform/ of the project', () => {
  const allowed = (t: string) => ['synth', 'model'].includes(t.split(path.sep)[0]) || t.startsWith(`catalog${path.sep}terraform${path.sep}`);
  const wrong = imports('synth').flatMap(({ file, targets }) => targets.filter((t) => !allowed(t)).map((t) => `${file} -> ${t}`));
  expect(wrong).toEqual([]);
});

test('stacks/ holds only what an organisation edits: its settings, its services and the app', () => {
  expect(fs.readdirSync(path.join(repo, 'stacks')).sort()).toEqual(['app.ts', 'example-settings.ts', 'main.ts', 'organisation.json', 'services']);
});

test('catalog/ never imports cdktf, a provider package or the cdktf half of the project', () => {
  const wrong = imports('catalog').flatMap(({ file, targets, packages }) => [
    ...packages.filter((p) => p === 'cdktf' || p.startsWith('@cdktf/') || p === 'constructs').map((p) => `${file} -> ${p}`),
    ...targets.filter((t) => !['catalog', 'model'].includes(t.split(path.sep)[0])).map((t) => `${file} -> ${t}`),
  ]);
  expect(wrong).toEqual([]);
});

test('inside catalog/, arrows point downwards only', () => {
  // Lower rooms first; a room may import itself and any room before it.
  const order = ['catalog/terraform', 'catalog/resource-types', 'catalog/service-catalog', 'catalog/cost', 'catalog/spend', 'catalog/policy', 'catalog/contracts.ts', 'catalog/adoption', 'catalog/portal', 'catalog/pr-report', 'catalog/agent', 'catalog/analysis-inputs.ts', 'catalog/analyse.ts'];
  const rank = (target: string) => {
    const normalised = target.split(path.sep).join('/');
    const i = order.findIndex((r) => normalised === r || normalised.startsWith(`${r}/`) || `${normalised}.ts` === r);
    return i;
  };
  const wrong = imports('catalog').flatMap(({ file, targets }) =>
    targets
      .filter((t) => t.startsWith(`catalog${path.sep}`) && !t.startsWith(`catalog${path.sep}schema`) && !t.startsWith(`catalog${path.sep}prices`))
      .filter((t) => rank(t) > rank(file.replace(/\.ts$/, '')) && room(t) !== room(file))
      .map((t) => `${file} -> ${t}`),
  );
  expect(wrong).toEqual([]);
});
