/**
 * Issue 24, item 5: links are built only from validated parts. A provider region is one the
 * partitions list names, and its partition gives the console host; anything else is "region
 * unknown" and no link. Each case runs the real `npm run catalog` entry point (dist/scripts) on a
 * small .tf.json folder and reads what it wrote: catalog.json, the Backstage YAML, index.html.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { loadAll } from 'js-yaml';
import { AWS_PARTITIONS, awsConsoleUrl, awsPartitionOf, REGION_UNKNOWN } from '../../model/aws-console';
import { serviceUrlHostname } from '../../model/dns-name';
import { validateOrganisation } from '../../model/organisation-settings';
import { repo } from '../helpers/project';
import { cleanUp, tempDir } from '../helpers/synth';

afterAll(cleanUp);

const TAGS = { owner: 'payments', service: 'checkout', environment: 'staging', 'cost-center': 'CC-2001' };
const ORGANISATION = {
  name: 'acme',
  githubOwner: 'acme',
  platformTeam: 'payments',
  requiredKeys: ['owner', 'service', 'environment', 'cost-center'],
  teams: { payments: { displayName: 'Payments', costCenters: ['CC-2001'] } },
  tagKeys: {},
};

/** A folder holding one configuration in `region`: a database, a queue with its log group, a bucket; metadata that forges console links. */
function configuration(region: string, endpoint: Record<string, unknown> = {}): string {
  const dir = tempDir();
  const observability = { staging: { dashboard: 'https://evil.example/dashboard', alarms: `https://us-east-1.console.aws.amazon.com.evil.example/a`, logs: 'javascript:alert(1)', ...endpoint } };
  const service = { goldenPath: 'http-service', name: 'checkout', owner: 'payments', costCenter: 'CC-2001', description: 'Checkout', lifecycle: 'production', tier: 1, links: { adrs: 'javascript:alert(1)', runbook: 'https://runbooks.acme.example/checkout' }, environments: ['staging'], tags: {}, observability };
  const tf = {
    '//': { groundwork: { version: 1, organisation: { ...ORGANISATION, environments: { staging: { region, production: false } } }, services: { checkout: service } } },
    provider: { aws: [{ region, allowed_account_ids: ['111111111111'] }] },
    resource: {
      aws_db_instance: { orders: { identifier: 'orders', engine: 'postgres', instance_class: 'db.t3.micro', allocated_storage: 20, tags: TAGS } },
      aws_sqs_queue: { jobs: { name: 'jobs', tags: TAGS } },
      aws_s3_bucket: { assets: { bucket: 'acme-assets', tags: TAGS } },
      aws_cloudwatch_log_group: { jobs_logs: { name: '/groundwork/staging/checkout', tags: TAGS, depends_on: ['aws_sqs_queue.jobs'], kms_key_id: '${aws_sqs_queue.jobs.kms_master_key_id}' } },
    },
  };
  fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify(tf));
  return dir;
}

interface Written {
  readonly catalog: { entities: Array<{ kind: string; name: string; region?: string; links: Array<{ url: string; type: string }> }> };
  readonly backstage: string;
  readonly portal: string;
}

function catalogOf(region: string, endpoint?: Record<string, unknown>): Written {
  const dir = configuration(region, endpoint);
  const run = spawnSync('node', [path.join(repo, 'dist/scripts/catalog.js'), dir], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const out = path.join(dir, 'catalog');
  const backstage = fs.readdirSync(path.join(out, 'backstage')).map((f) => fs.readFileSync(path.join(out, 'backstage', f), 'utf8')).join('\n---\n'); // one YAML stream
  return { catalog: JSON.parse(fs.readFileSync(path.join(out, 'catalog.json'), 'utf8')), backstage, portal: fs.readFileSync(path.join(out, 'index.html'), 'utf8') };
}

const urlsIn = (text: string) => [...text.matchAll(/(?:https?:|javascript:)[^\s"'<>\\]+/gi)].map((m) => m[0]);
const hostOf = (url: string) => new URL(url).host;

describe('the partitions list', () => {
  test('every listed region matches its partition pattern (AWS regionRegex), and belongs to one partition only', () => {
    const seen = new Set<string>();
    for (const p of AWS_PARTITIONS) {
      expect(p.regions.length).toBeGreaterThan(0);
      for (const r of p.regions) {
        expect(r).toMatch(new RegExp(p.regionRegex));
        expect(seen.has(r)).toBe(false);
        seen.add(r);
      }
    }
    expect(AWS_PARTITIONS.map((p) => [p.id, p.consoleHost])).toEqual([
      ['aws', 'console.aws.amazon.com'],
      ['aws-cn', 'console.amazonaws.cn'],
      ['aws-us-gov', 'console.amazonaws-us-gov.com'],
    ]);
  });

  test('only an exactly listed region has a partition and a console URL', () => {
    for (const bad of ['evil.example/phish?', 'us-east-1/../x', 'US-EAST-1', '', ' us-east-1', 'us-east-1 ', 'us-east-1.evil.example', 'us-EAST_1-9', '__proto__', 'constructor', 'aws-global']) {
      expect(awsPartitionOf(bad)).toBeUndefined();
      expect(awsConsoleUrl(bad, 'rds/home')).toBeUndefined();
    }
    expect(awsConsoleUrl('us-gov-west-1', 'rds/home', 'database:id=x')).toBe('https://us-gov-west-1.console.amazonaws-us-gov.com/rds/home?region=us-gov-west-1#database:id=x');
    expect(awsConsoleUrl('cn-northwest-1', 'rds/home')).toBe('https://cn-northwest-1.console.amazonaws.cn/rds/home?region=cn-northwest-1');
  });

  test('organisation settings name an unlisted region in one sentence', () => {
    const settings = JSON.parse(fs.readFileSync(path.join(repo, 'stacks/organisation.json'), 'utf8'));
    const name = Object.keys(settings.environments)[0];
    settings.environments[name].region = 'eu-west-9';
    expect(() => validateOrganisation(settings, 'organisation.json')).toThrow(
      `The organisation settings in organisation.json are invalid:\n  - environments.${name}.region "eu-west-9" is not an AWS region listed in model/aws-partitions.json (partitions aws, aws-cn, aws-us-gov)`,
    );
  });
});

describe.each(['evil.example/phish?', 'us-east-1/../x', 'US-EAST-1', ''])('npm run catalog with provider region %j', (region) => {
  let written: Written;
  beforeAll(() => (written = catalogOf(region)));

  test('no console link at all, and "region unknown" where a region was given', () => {
    const resources = written.catalog.entities.filter((e) => e.kind === 'resource');
    expect(resources.length).toBeGreaterThan(0);
    for (const e of resources) {
      expect(e.links.filter((l) => l.type === 'console' || l.type === 'logs')).toEqual([]);
      expect(e.region).toBe(REGION_UNKNOWN);
    }
    // The settings name the environment's region, empty or not.
    expect(written.catalog.entities.find((e) => e.kind === 'environment')!.region).toBe(REGION_UNKNOWN);
  });

  test('catalog.json, the Backstage YAML and index.html hold no link but the runbook (forged console links and javascript: dropped)', () => {
    for (const text of [JSON.stringify(written.catalog), written.backstage, written.portal]) {
      if (region) expect(text).not.toContain(region);
      const links = urlsIn(text).filter((u) => !u.startsWith('http://www.w3.org/'));
      expect(links.filter((u) => !/^javascript:/i.test(u)).map(hostOf).every((h) => h === 'runbooks.acme.example')).toBe(true);
      expect(links.filter((u) => /^javascript:/i.test(u))).toEqual([]);
      expect(text).not.toContain('evil.example');
    }
  });
});

describe.each([
  ['us-east-1', 'console.aws.amazon.com', 'amazonaws.com'],
  ['cn-north-1', 'console.amazonaws.cn', 'amazonaws.com.cn'],
  ['us-gov-west-1', 'console.amazonaws-us-gov.com', 'amazonaws.com'],
])('npm run catalog in %s', (region, consoleHost, dnsSuffix) => {
  let written: Written;
  beforeAll(() => (written = catalogOf(region)));

  test("every console link is on the partition's console host", () => {
    const links = written.catalog.entities.flatMap((e) => e.links).filter((l) => l.type === 'console' || l.type === 'logs');
    expect(links.map((l) => l.type).sort()).toEqual(['console', 'console', 'console', 'logs']);
    for (const l of links) expect(hostOf(l.url)).toBe(`${region}.${consoleHost}`);
    const sqs = links.find((l) => l.url.includes('/sqs/'))!;
    expect(decodeURIComponent(sqs.url.split('#/queues/')[1])).toBe(`https://sqs.${region}.${dnsSuffix}/111111111111/jobs`);
    expect(written.catalog.entities.find((e) => e.name === 'orders-database')!.region).toBe(region);
  });

  test('the same links reach Backstage and the portal; forged observability links do not', () => {
    const hosts = (text: string) => [...new Set(urlsIn(text).filter((u) => !u.startsWith('http://www.w3.org/')).map(hostOf))].sort();
    expect(hosts(written.backstage)).toEqual([`${region}.${consoleHost}`, 'runbooks.acme.example'].sort());
    // The portal also names where the built-in prices come from (the platform's own price tables, us-east-1 only here).
    expect(hosts(written.portal).filter((h) => h !== 'aws.amazon.com')).toEqual([`${region}.${consoleHost}`, 'runbooks.acme.example'].sort());
  });
});

/**
 * Issue 27: the front door in the catalog. A service's URL comes from metadata a hand-written stack
 * may forge: only `https://<DNS name>` becomes a link; anything else is no URL at all, and the
 * exposure, objectives and alarms are still shown (alarm links built from the settings' region).
 */
describe('service URLs from metadata', () => {
  test('only https:// and a DNS name, nothing before or after it, is a service URL', () => {
    expect(serviceUrlHostname('https://api.acme.example')).toBe('api.acme.example');
    for (const bad of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)//https://api.acme.example',
      'http://api.acme.example',
      'https://api.acme.example/',
      'https://api.acme.example:8443',
      'https://user@api.acme.example',
      'https://API.acme.example',
      'https://api.acme.example.',
      'https://api.acme.example"><script>alert(1)</script>',
      'https://api.acme.example#<img src=x onerror=alert(1)>',
      'https://localhost',
      'https://10.0.0.1',
      ' https://api.acme.example',
      `https://${'a'.repeat(64)}.example`,
      'https://',
      42,
      undefined,
    ]) {
      expect(serviceUrlHostname(bad)).toBeUndefined();
    }
  });

  const ALARM = 'checkout-staging-alb-5xx';
  const hostile = ['javascript:alert(1)', 'https://evil.example/"><script>alert(1)</script>', 'https://user@evil.example', 'data:text/html,<script>alert(1)</script>'];
  describe.each(hostile)('url %j', (url) => {
    const markup = '<img src=x onerror=alert(1)>';
    const written = catalogOf('us-east-1', { url, exposure: 'public', slo: { availability: 100, latency: { thresholdMs: 300, percent: 99 } }, alarmNames: [ALARM, markup] });

    test('catalog.json keeps the exposure, the valid objective and the alarms, but no URL', () => {
      const service = written.catalog.entities.find((e) => e.kind === 'service') as any;
      expect(service.endpoints).toEqual([
        {
          environment: 'staging',
          exposure: 'public',
          // availability 100 leaves no error budget: synth refuses it, so the catalog drops it.
          slo: { latency: { thresholdMs: 300, percent: 99 } },
          alarms: [
            { name: markup, url: `https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#alarmsV2:alarm/${encodeURIComponent(markup)}` },
            { name: ALARM, url: `https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#alarmsV2:alarm/${ALARM}` },
          ],
        },
      ]);
    });

    test('neither Backstage nor the portal carries it, nor any markup from the alarm names', () => {
      for (const text of [JSON.stringify(written.catalog), written.backstage, written.portal]) {
        expect(text).not.toContain('evil.example');
        expect(text).not.toMatch(/javascript:|data:text/i);
        expect(text).not.toContain('<script>alert');
      }
      // The alarm name is data: text in catalog.json, never markup in the page (embedded JSON escapes "<").
      expect(written.portal).not.toContain('<img');
      expect(written.backstage).not.toContain('<img');
      expect(written.backstage).toContain("groundwork.dev/exposure-staging: public");
      expect(written.backstage).not.toContain('slo-staging-availability');
      expect(written.backstage).not.toContain('type: website');
    });
  });

  test('a valid URL is the Component\'s link and the portal\'s data', () => {
    const written = catalogOf('us-east-1', { url: 'https://api.staging.acme.example', exposure: 'internal', alarmNames: [ALARM] });
    const component = (loadAll(written.backstage) as any[]).find((e) => e?.kind === 'Component');
    expect(component.metadata.links[0]).toEqual({ url: 'https://api.staging.acme.example', title: 'staging (internal)', type: 'website' });
    expect(component.metadata.annotations['groundwork.dev/exposure-staging']).toBe('internal');
    // The page's data pools a URL as its start up to the last separator, and the rest (packed-table.ts).
    expect(written.portal).toContain('"https://api.staging.acme."');
  });
});
