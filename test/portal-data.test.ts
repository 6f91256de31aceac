import * as fs from 'fs';
import * as path from 'path';
import { analyse } from '../catalog/analyse';
import { scriptSafeJson } from '../catalog/portal/embed-json';
import { StringPool } from '../catalog/portal/packed-table';
import { formLinks, packedPortalData, portalData, portalRecords } from '../catalog/portal/portal-data';
import { portalHtml } from '../catalog/portal/portal';
import { buildOrganisation } from '../stacks/app';
import { cleanUp, synth } from './helpers/synth';

afterAll(cleanUp);

/** The page's own unpacker (client/unpack.js), run here as the browser runs it. */
const unpackPortalData: (packed: unknown) => Record<string, unknown> = new Function(
  `${fs.readFileSync(path.join(__dirname, '../catalog/portal/client/unpack.js'), 'utf8')}\nreturn unpackPortalData;`,
)();
/** What the page read before packing: the records as JSON carries them (absent fields dropped). */
const asJson = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('the issue-form links of the service and team pages', () => {
  test('from the platform repository the output names; none when it names none (plain Terraform)', () => {
    const organisation = { name: 'acme', githubOwner: 'acme-corp', platformTeam: 'platform', requiredKeys: [], teams: {}, environments: {}, tagKeys: {} };
    expect(formLinks({ ...organisation, platformRepository: 'groundwork' })).toEqual({
      newService: 'https://github.com/acme-corp/groundwork/issues/new?template=new-service.yml',
      scale: 'https://github.com/acme-corp/groundwork/issues/new?template=scale.yml',
      addDataStore: 'https://github.com/acme-corp/groundwork/issues/new?template=add-data-store.yml',
    });
    expect(formLinks(organisation)).toBeUndefined();
    expect(formLinks(undefined)).toBeUndefined();
  });

  test("the example organisation's page carries them in its first data block", () => {
    const page = analyse(synth(buildOrganisation).outdir).files.get('index.html')!;
    const main = unpackPortalData(JSON.parse(/<script type="application\/json" id="portal-data">([\s\S]*?)<\/script>/.exec(page)![1]));
    expect(main.forms).toEqual(formLinks({ name: 'acme', githubOwner: 'acme-corp', platformRepository: 'groundwork', platformTeam: 'platform', requiredKeys: [], teams: {}, environments: {}, tagKeys: {} }));
  });
});

describe('the packed data blocks', () => {
  const { catalog, cost, policy } = analyse(synth(buildOrganisation).outdir);
  const data = portalData(catalog, cost, policy);
  const packed = packedPortalData(data);
  const read = (block: unknown) => unpackPortalData(JSON.parse(scriptSafeJson(block)));

  test('unpack to exactly the records of the example organisation', () => {
    const { resources, costLines, ...main } = asJson(data);
    expect(read(packed.main)).toEqual(main);
    expect(read(packed.detail)).toEqual({ resources, costLines });
  });

  test("an exposed service's endpoints: URL, exposure, SLOs and alarm links per environment; a forged URL or alarm link is none", () => {
    const shop = data.services.find((s) => s.name === 'shop-api')!;
    expect(shop.endpoints.map((p) => [p.environment, p.url, p.exposure, p.slo])).toEqual([
      ['production', 'https://api.acme.example', 'public', { availability: 99.9, latency: { thresholdMs: 300, percent: 99 } }],
      ['staging', 'https://api.staging.acme.example', 'public', { availability: 99.9, latency: { thresholdMs: 300, percent: 99 } }],
    ]);
    expect(shop.endpoints[0].alarms.every((a) => a.url === `https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#alarmsV2:alarm/${a.name}`)).toBe(true);
    expect(data.services.find((s) => s.name === 'checkout')!.endpoints).toEqual([]);
    // catalog.json is a file someone may edit: the page takes no URL but https://<DNS name>, no alarm link but the console's.
    const forged = { ...catalog, entities: catalog.entities.map((e) => (e.name === 'shop-api' ? { ...e, endpoints: [{ environment: 'staging', url: 'javascript:alert(1)', exposure: 'public' as const, alarms: [{ name: 'x', url: 'https://evil.example/' }] }] } : e)) };
    expect(portalData(forged, cost, policy).services.find((s) => s.name === 'shop-api')!.endpoints).toEqual([{ environment: 'staging', exposure: 'public', alarms: [{ name: 'x' }] }]);
  });

  test('the page packs its records one at a time to exactly the same blocks as from the whole lists', () => {
    expect(packedPortalData(portalRecords(catalog, cost, policy))).toEqual(packed);
  });

  test('the same input gives the same bytes', () => {
    expect(portalHtml(catalog, cost, policy)).toBe(portalHtml(catalog, cost, policy));
  });

  test('hostile and odd strings survive: markup, separators only, empty, __proto__ tag keys, U+2028', () => {
    const odd = ['', '/', '.', 'a.', '.a', 'https://x.example/?q=1#', '</script><!--', '\u2028\u2029', 'x'.repeat(5000)];
    const records = odd.map((s, i) => ({ name: s, n: i, list: [s, s], tags: { ['__proto__']: s, [s]: 'v' }, url: s, rows: [{ what: s }] }));
    const pool = new StringPool();
    const table = pool.table(records, [
      ['name', 's'],
      ['n', 'v'],
      ['list', 'U'],
      ['tags', 'R'],
      ['url', 'u'],
      ['rows', 'T', [['what', 's']]],
    ]);
    const text = scriptSafeJson({ strings: pool.strings, tables: { records: table } });
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    const back = unpackPortalData(JSON.parse(text)).records as Array<Record<string, unknown>>;
    expect(back.map((r) => [r.name, r.n, r.list, r.url, r.rows])).toEqual(records.map((r) => [r.name, r.n, r.list, r.url, r.rows]));
    expect(back.every((r) => Object.getPrototypeOf(r.tags) === Object.prototype)).toBe(true);
    expect(back.map((r) => Object.entries(r.tags as object))).toEqual(records.map((r) => Object.entries(r.tags)));
  });
});
