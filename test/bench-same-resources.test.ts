/**
 * npm run bench compares the platform's synth with bare cdktf synthesizing the same resources
 * (bench/bare-organisation.ts); the comparison is like with like only while both create the same
 * resource types and counts. A resource the platform adds to an HttpService, an environment or the
 * bootstrap stack fails this test until the bare organisation adds it too.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';
import { resourceCounts } from '../bench/resource-counts';
import { cleanUp, tempDir } from './helpers/synth';

afterAll(cleanUp);

const runOne = path.join(__dirname, '../dist/bench/run-one.js');
const synth = (mode: 'platform' | 'bare', count: number) => {
  const outdir = path.join(tempDir(), 'out');
  execFileSync('node', [runOne, mode, String(count), outdir], { encoding: 'utf8' });
  return resourceCounts(outdir);
};

// 12: more services than the bench's ten teams, so the platform team owns some repositories and not others.
test('bare cdktf and the platform create the same resource types and counts (the bench\'s sameResources)', () => {
  const platform = synth('platform', 12);
  expect(Object.keys(platform)).toEqual(expect.arrayContaining(['aws_vpc_endpoint', 'kubernetes_network_policy_v1', 'aws_iam_openid_connect_provider']));
  expect(synth('bare', 12)).toEqual(platform);
});
