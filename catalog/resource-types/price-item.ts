/**
 * A price item: the key pattern pricers emit, the unit the price table must carry, the AWS Price
 * List product it comes from (matched exactly by the importer) and the monthly free tier per
 * account, where AWS gives one. Each is declared by the type file that owns it.
 */

/** Engines priced per instance class; the key segment is the Terraform `engine` value. */
export const RDS_ENGINES: Readonly<Record<string, string>> = {
  postgres: 'PostgreSQL',
  mysql: 'MySQL',
  mariadb: 'MariaDB',
};
export const AURORA_ENGINES: Readonly<Record<string, string>> = {
  'aurora-postgresql': 'Aurora PostgreSQL',
  'aurora-mysql': 'Aurora MySQL',
};
export const AZ: Readonly<Record<string, string>> = { 'single-az': 'Single-AZ', 'multi-az': 'Multi-AZ' };
/** RDS usage types shorten the size (EU-InstanceUsage:db.m5.xl, EU-Multi-AZUsage:db.t3.2xl); instanceType keeps it whole. */
export const rdsUsageClass = (instanceClass: string) => instanceClass.replace(/(\d*)xlarge$/, '$1xl');
/** Storage and IOPS are priced per engine and again for the engine "Any", at the same price: the keys name no engine, so "Any". */
export const ANY_ENGINE = { databaseEngine: 'Any' };

/** What identifies one product in an AWS offer file; every field must match exactly. */
export interface OfferSpec {
  readonly offerCode: string;
  readonly productFamily: string;
  /** Without its region prefix ("EU-", "USE1-", ...): the importer adds the region's. */
  readonly usagetype: string;
  /** Further attributes that must be equal (operation, engine, deployment option, ...). */
  readonly attributes?: Readonly<Record<string, string>>;
  /** The unit of the on-demand price dimension. */
  readonly unit: string;
  /** Power of ten the per-unit price is multiplied by (per request -> per million: 6). */
  readonly scale?: number;
  /** CloudFront: priced per edge location group, not per region; the group's usagetype prefix. */
  readonly edgePrefix?: Readonly<Record<string, string>>;
  /** Route 53: one global product for every region; its usagetype has no region prefix and its region is not compared. */
  readonly global?: boolean;
}

export interface FreeTier {
  /** Items sharing one allowance (SQS standard and FIFO requests), in the order it is applied. */
  readonly pool: string;
  readonly perMonth: number;
  readonly reference: string;
}

export interface PriceItem {
  /** Key pattern with named parts, e.g. rds.instance.{engine}.{class}.{az}. */
  readonly key: string;
  readonly unit: string;
  readonly offer: (parts: Readonly<Record<string, string>>) => OfferSpec;
  readonly freeTier?: FreeTier;
}

export const FREE_TIER_PAGE = 'AWS Free Tier, always-free offers (https://aws.amazon.com/free/), as published 2025';
export const EC2_OFFER = { offerCode: 'AmazonEC2' };

