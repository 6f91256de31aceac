import { GroundworkError } from '../model/errors';

function toNumber(ip: string): number {
  return ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

function toIp(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

/**
 * Terraform's cidrsubnet(), computed at synth so subnet ranges are literals a reviewer can read.
 * @throws GroundworkError when the block is malformed or too small for the split
 */
export function cidrSubnet(cidr: string, newBits: number, netNum: number): string {
  const [ip, prefixText] = cidr.split('/');
  const prefix = Number(prefixText);
  const octets = ip.split('.').map(Number);
  if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o) || o < 0 || o > 255) || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) {
    throw new GroundworkError(`"${cidr}" is not an IPv4 CIDR block such as 10.0.0.0/16.`);
  }
  const newPrefix = prefix + newBits;
  if (newPrefix > 28 || netNum >= 2 ** newBits) {
    throw new GroundworkError(`CIDR block ${cidr} is too small to split into ${2 ** newBits} subnets of /${newPrefix}; use a larger block (at most /${28 - newBits}).`);
  }
  const base = toNumber(ip) - (toNumber(ip) % 2 ** (32 - prefix));
  return `${toIp(base + netNum * 2 ** (32 - newPrefix))}/${newPrefix}`;
}
