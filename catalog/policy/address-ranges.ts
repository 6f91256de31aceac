import * as ipaddr from 'ipaddr.js';

/** An inclusive range of addresses of one family, as numbers. */
export interface AddressRange {
  readonly family: 'ipv4' | 'ipv6';
  readonly first: bigint;
  readonly last: bigint;
}

const BITS = { ipv4: 32, ipv6: 128 } as const;

function toBigInt(bytes: number[]): bigint {
  return bytes.reduce((n, b) => (n << 8n) | BigInt(b), 0n);
}

function range(family: 'ipv4' | 'ipv6', bytes: number[], prefix: number): AddressRange {
  const hostBits = BigInt(BITS[family] - prefix);
  const first = (toBigInt(bytes) >> hostBits) << hostBits;
  return { family, first, last: first + (1n << hostBits) - 1n };
}

// IPv6 prefixes that reach the whole IPv4 internet: IPv4-mapped (::ffff:0:0/96) and NAT64 (64:ff9b::/96).
const IPV4_CARRIERS = [0xffffn << 32n, 0x64ff9bn << 96n];

/**
 * Why a text is not a CIDR block Terraform's AWS provider accepts, or undefined when it is one. It
 * parses as Go does (four decimal parts, no octal or hex) and refuses an address with host bits
 * set (`1.0.0.0/0` is not the internet: the provider rejects it and names 0.0.0.0/0).
 */
export function cidrProblem(text: string): string | undefined {
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.parseCIDR(text);
  } catch {
    return 'not a CIDR block';
  }
  const [address, prefix] = parsed;
  if (address.kind() === 'ipv4' && !ipaddr.IPv4.isValidFourPartDecimal(text.split('/')[0])) return 'not a CIDR block (IPv4 is four decimal numbers)';
  const network = address.kind() === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(text) : ipaddr.IPv6.networkAddressFromCIDR(text);
  if (network.toString() !== address.toString()) return `not a valid CIDR block: it has host bits set (the network is ${network.toString()}/${prefix})`;
  return undefined;
}

/**
 * The addresses a CIDR block admits, parsed (not compared as text): `0.0.0.0/00` is everything.
 * An IPv4-mapped or NAT64 IPv6 block also yields the IPv4 addresses it reaches. Undefined when
 * the text is not a valid CIDR block (cidrProblem says why).
 */
export function cidrRanges(text: string): AddressRange[] | undefined {
  if (cidrProblem(text) !== undefined) return undefined;
  const [address, prefix] = ipaddr.parseCIDR(text);
  if (address.kind() === 'ipv4') return [range('ipv4', address.toByteArray(), prefix)];
  const v6 = range('ipv6', address.toByteArray(), prefix);
  const out = [v6];
  for (const carrier of IPV4_CARRIERS) {
    const first = v6.first > carrier ? v6.first : carrier;
    const last = v6.last < carrier + 0xffffffffn ? v6.last : carrier + 0xffffffffn;
    if (first <= last) out.push({ family: 'ipv4', first: first - carrier, last: last - carrier });
  }
  return out;
}

/** Whether the ranges together cover every address of their family. */
export function coversEverything(ranges: readonly AddressRange[], family: 'ipv4' | 'ipv6'): boolean {
  const sorted = ranges.filter((r) => r.family === family).sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  let next = 0n;
  for (const r of sorted) {
    if (r.first > next) return false;
    if (r.last + 1n > next) next = r.last + 1n;
  }
  return next > (1n << BigInt(BITS[family])) - 1n;
}
