import { evaluate, evaluateExpression, isUnknown, parsePolicyDocument, PURE_FUNCTION_NAMES, Unknown } from '../catalog/terraform/hcl-expression';
import { configurationScope, RESOLVABLE, resolveBody } from '../catalog/terraform/resource-instances';
import { cidrProblem, cidrRanges, coversEverything } from '../catalog/policy/address-ranges';
import { kmsKeyAttribute } from '../catalog/policy/attributes';
import { interpolationsOf } from '../catalog/terraform/configuration-blocks';

describe('constant expressions are evaluated as Terraform would', () => {
  test.each<[string, unknown]>([
    ['${!false}', true],
    ['${true}', true],
    ['${1 == 2}', false],
    ['${1 != 2}', true],
    ['${"0.0.0.0/0"}', '0.0.0.0/0'],
    // The legacy index cdktf writes (`tolist(x.options).0.name`) is `[0]`; a decimal stays a number.
    ['${tolist([{ name = "a" }, { name = "b" }]).1.name}', 'b'],
    ['${[[7, 8]].0.1}', 8],
    ['${1.5 + 1}', 2.5],
    ['${"0.0.0.0" + "/0"}', undefined],
    ['${3 > 2 && !(1 >= 2)}', true],
    ['${false || 2 < 1}', false],
    ['${1 + 2 * 3 - 4 / 2}', 5],
    ['${7 % 4}', 3],
    ['${-2 + 10}', 8],
    ['${true ? "public" : "private"}', 'public'],
    ['${1 == 1 ? 22 : 80}', 22],
    ['${["a", "b"][1]}', 'b'],
    ['${{ a = 1, "b" = [true] }.b[0]}', true],
    ['${1 == "1"}', false],
    ['${!"false"}', true],
    ['${tostring(22)}', '22'],
    ['${lower("PUBLIC")}', 'public'],
    ['${concat(["0.0.0.0/0"], [])}', ['0.0.0.0/0']],
    ['${ /* comment */ true }', true],
    ['a-${"b"}-${1 + 1}', 'a-b-2'],
    ['$${file("x")}', '${file("x")}'],
    ['%%{if x}', '%{if x}'],
    ['${"\\u0041\\n\\"q\\""}', 'A\n"q"'],
    ['${"a$${b}"}', 'a${b}'],
    ['${"in ${"side"}"}', 'in side'],
    ['plain text', 'plain text'],
  ])('%s', (text, expected) => {
    const value = evaluate(text);
    if (expected === undefined) expect(isUnknown(value)).toBe(true);
    else expect(value).toEqual(expected);
  });

  test('jsonencode yields the JSON text; with a reference inside it is unknown', () => {
    expect(evaluate('${jsonencode({Version = "2012-10-17", Statement = [{Effect = "Allow"}]})}')).toBe('{"Version":"2012-10-17","Statement":[{"Effect":"Allow"}]}');
    expect(isUnknown(evaluate('${jsonencode({Resource = aws_sqs_queue.q.arn})}'))).toBe(true);
  });

  test('Terraform JSON values are evaluated item by item', () => {
    expect(evaluate({ a: ['${true}', 'x'], '//': 'comment', b: 3 })).toEqual({ a: [true, 'x'], b: 3 });
  });
});

describe('what synth cannot know is Unknown, with what it is', () => {
  const unknown = (text: string) => evaluate(text) as Unknown;
  test('references name their address and attribute', () => {
    expect(unknown('${aws_kms_key.main.arn}')).toMatchObject({ kind: 'reference', text: 'aws_kms_key.main.arn', address: 'aws_kms_key.main', attribute: 'arn' });
    expect(unknown('${data.aws_kms_key.k.arn}')).toMatchObject({ kind: 'reference', address: 'data.aws_kms_key.k', attribute: 'arn' });
  });
  test('variables, locals, functions, for expressions, splats and directives', () => {
    expect(unknown('${var.public}')).toMatchObject({ kind: 'variable', text: 'var.public' });
    expect(unknown('${local.cidrs[0]}')).toMatchObject({ kind: 'variable', text: 'local.cidrs[0]' });
    expect(unknown('${file("/etc/passwd")}')).toMatchObject({ kind: 'function', text: 'file("/etc/passwd")' });
    expect(unknown('${[for c in var.x : c]}').kind).toBe('expression');
    expect(unknown('${aws_instance.a[*].id}').kind).toBe('reference');
    expect(unknown('%{ if true }x%{ endif }').kind).toBe('expression');
  });
  test('malformed or ill-typed expressions are unknown, never a value', () => {
    for (const text of ['${', '${true', '${!"yes"}', '${1 / 0}', '${"a" + 1}', '${)}', '${tobool("maybe")}', '${[1][5]}']) expect(isUnknown(evaluate(text))).toBe(true);
  });
  test('a known deciding operand decides, as in Terraform', () => {
    expect(evaluate('${false && var.x}')).toBe(false);
    expect(evaluate('${true || var.x}')).toBe(true);
    expect(isUnknown(evaluate('${true && var.x}'))).toBe(true);
    expect(evaluate('${var.x ? true : true}')).toBe(true);
  });
  test('expressions in native syntax', () => {
    expect(evaluateExpression('!false')).toBe(true);
    expect(isUnknown(evaluateExpression('true false'))).toBe(true);
  });
});

test('parsePolicyDocument keeps its behaviour: references as { ref }, unreadable as undefined', () => {
  expect(parsePolicyDocument('${jsonencode({Statement = [{Effect = "Allow", Action = "*", Resource = aws_sqs_queue.q.arn}]})}')).toEqual({
    Statement: [{ Effect: 'Allow', Action: '*', Resource: { ref: 'aws_sqs_queue.q.arn' } }],
  });
  expect(parsePolicyDocument('{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}')).toEqual({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
  expect(parsePolicyDocument('${data.aws_iam_policy_document.x.json}')).toBeUndefined();
  expect(parsePolicyDocument('not json')).toBeUndefined();
});

test('a reference to a KMS key is a key; a variable or another attribute is unknown', () => {
  expect(kmsKeyAttribute('${aws_kms_key.k.arn}')).toBe('key');
  expect(kmsKeyAttribute('${data.aws_kms_alias.a.target_key_arn}')).toBe('key');
  expect(kmsKeyAttribute('alias/aws/sqs')).toBe('key');
  expect(kmsKeyAttribute('')).toBe('none');
  expect(kmsKeyAttribute(undefined)).toBe('none');
  expect(isUnknown(kmsKeyAttribute('${var.key}'))).toBe(true);
  expect(isUnknown(kmsKeyAttribute('${aws_kms_key.k.description}'))).toBe(true);
  expect(isUnknown(kmsKeyAttribute('${aws_s3_bucket.b.arn}'))).toBe(true);
});

describe('CIDR blocks are parsed, not compared as text', () => {
  const world = (...cidrs: string[]) => {
    const ranges = cidrs.flatMap((c) => cidrRanges(c)!);
    return coversEverything(ranges, 'ipv4') || coversEverything(ranges, 'ipv6');
  };
  test.each([['0.0.0.0/0'], ['0.0.0.0/00'], ['0.0.0.0/000'], ['::/0'], ['::/00'], ['0000::/0'], ['::ffff:0.0.0.0/96'], ['64:ff9b::/96']])('%s is the whole internet', (c) => expect(world(c)).toBe(true));
  test('halves add up; gaps do not', () => {
    expect(world('0.0.0.0/1', '128.0.0.0/1')).toBe(true);
    expect(world('0.0.0.0/2', '64.0.0.0/2', '128.0.0.0/1')).toBe(true);
    expect(world('0.0.0.0/1', '128.0.0.0/2')).toBe(false);
    expect(world('::/1', '8000::/1')).toBe(true);
    expect(world('10.0.0.0/8', '192.168.0.0/16')).toBe(false);
  });
  test('not a CIDR block', () => {
    for (const c of ['0.0.0.0', 'anywhere', '0.0.0.0/33', '300.0.0.0/8']) expect(cidrRanges(c)).toBeUndefined();
  });
  test('host bits set, or octal and hex parts: invalid (Terraform refuses them), not the internet', () => {
    for (const c of ['1.2.3.4/0', '1.0.0.0/0', '10.0.0.1/8', '::1/0', '010.0.0.0/8', '0x0.0.0.0/0']) expect(cidrRanges(c)).toBeUndefined();
    expect(cidrProblem('1.2.3.4/0')).toBe('not a valid CIDR block: it has host bits set (the network is 0.0.0.0/0)');
    expect(cidrProblem('0x0.0.0.0/0')).toBe('not a CIDR block (IPv4 is four decimal numbers)');
    expect(cidrProblem('10.0.0.0/8')).toBeUndefined();
  });
});

test('interpolations are found, escapes are not', () => {
  expect(interpolationsOf('a ${file("x")} $${file("y")} %{ if b }c%{ endif } %%{d}')).toEqual(['file("x")', ' if b ', ' endif ']);
  expect(interpolationsOf('${jsonencode({a = "}"})}')).toEqual(['jsonencode({a = "}"})']);
});

describe('a resource body folds every function the evaluator knows (RESOLVABLE is derived from PURE_FUNCTIONS)', () => {
  const scope = configurationScope({});
  test.each([
    ['${trimspace("  web  ")}', 'web'],
    ['${tolist(["a", "b"])}', ['a', 'b']],
    ['${toset(["a", "a", "b"])}', ['a', 'b']],
    ['${upper("x")}', 'X'],
  ])('%s resolves', (text, expected) => {
    expect(resolveBody({ name: text }, scope)).toEqual({ name: expected });
  });

  test('every pure function name is a trigger, and a function it does not know is left as written', () => {
    for (const name of PURE_FUNCTION_NAMES) expect({ name, resolvable: RESOLVABLE.test(`\${${name}(x)}`) }).toEqual({ name, resolvable: true });
    expect(resolveBody({ name: '${timestamp()}' }, scope)).toEqual({ name: '${timestamp()}' });
  });
});
