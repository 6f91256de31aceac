import * as fs from 'fs';
import * as path from 'path';
import { estimate } from '../catalog/cost/estimate';
import { loadPriceTables } from '../catalog/cost/price-table';
import { Usage } from '../catalog/cost/usage';
import { readTerraformOutput } from '../catalog/terraform/terraform-output';
import { buildOrganisation } from '../stacks/app';
import { cleanUp, synth, tempDir } from './helpers/synth';

afterAll(cleanUp);

describe('interface VPC endpoints: per zone-hour, and per GB processed from the usage file', () => {
  const configurations = readTerraformOutput(synth(buildOrganisation).outdir);
  const endpointLines = (usage: Usage) => estimate(configurations, { tables: loadPriceTables(), usage, freeTiers: false }).lines.filter((l) => l.type === 'aws_vpc_endpoint');

  test('by default 0 GB: the line is there, at $0, with its provenance', () => {
    const lines = endpointLines(Usage.NONE);
    // STS and SQS in each of the two environments; the S3 gateway endpoint is free.
    expect(lines.map((l) => l.address.match(/_(sts|sqs)_/)?.[1] + ' ' + l.environment).sort()).toEqual(['sqs production', 'sqs staging', 'sts production', 'sts staging']);
    for (const l of lines) {
      const gb = l.components.find((c) => c.item === 'vpcendpoint.interface.gb')!;
      expect({ quantity: gb.quantity, cents: gb.monthlyCents, unit: gb.unit, what: gb.what }).toEqual({ quantity: 0, cents: 0, unit: 'GB', what: 'GB processed (usage file)' });
    }
    const [useast, euwest] = ['us-east-1', 'eu-west-1'].map((region) => lines.find((l) => l.region === region)!.components.find((c) => c.item === 'vpcendpoint.interface.gb')!.provenance);
    expect(useast).toMatchObject({ verified: true });
    expect(useast.source).toContain('vpc_endpoint_test.golden');
    expect(euwest).toMatchObject({ verified: false });
    expect(euwest.source).toMatch(/they hold no AmazonVPC record, and no independent source was found; checked 2026-12-07, not found in: .*henderjm\/world-cup-sweepstake.* \(https:\/\/aws\.amazon\.com\/privatelink\/pricing\/, transcribed 2026-12\), transcribed, unverified$/);
  });

  test('a usage file sets the GB: $0.01 per GB (first PB)', () => {
    const folder = tempDir();
    fs.writeFileSync(path.join(folder, 'defaults.json'), JSON.stringify({ usage: { vpcEndpointProcessedGb: 250 } }));
    const lines = endpointLines(Usage.load(folder));
    for (const l of lines) expect(l.components.find((c) => c.item === 'vpcendpoint.interface.gb')).toMatchObject({ quantity: 250, unitUsd: '0.01', monthlyCents: 250 });
  });

  test('a negative figure is refused by the usage schema', () => {
    const folder = tempDir();
    fs.writeFileSync(path.join(folder, 'defaults.json'), JSON.stringify({ usage: { vpcEndpointProcessedGb: -1 } }));
    expect(() => Usage.load(folder)).toThrow(/vpcEndpointProcessedGb/);
  });
});
