import { cidrSubnet } from '../constructs/cidr';

test('matches Terraform cidrsubnet()', () => {
  expect(cidrSubnet('10.20.0.0/16', 3, 0)).toBe('10.20.0.0/19');
  expect(cidrSubnet('10.20.0.0/16', 3, 5)).toBe('10.20.160.0/19');
  expect(cidrSubnet('10.20.0.0/16', 2, 3)).toBe('10.20.192.0/18');
  expect(cidrSubnet('192.168.4.0/24', 2, 1)).toBe('192.168.4.64/26');
});

test('errors name the block and what to do', () => {
  expect(() => cidrSubnet('10.0.0.0/27', 2, 0)).toThrow('CIDR block 10.0.0.0/27 is too small to split into 4 subnets of /29; use a larger block (at most /26).');
  expect(() => cidrSubnet('10.0.0/16', 2, 0)).toThrow('"10.0.0/16" is not an IPv4 CIDR block such as 10.0.0.0/16.');
});
