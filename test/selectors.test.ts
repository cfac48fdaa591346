// Label selectors: rows ported from staging/src/k8s.io/apimachinery/pkg/labels/selector_test.go (TestSelectorParse,
// TestSelectorMatches, TestRequirementConstructor, TestToString, TestRequirementSelectorMatching,
// TestSetSelectorParser). Field selectors: staging/src/k8s.io/apimachinery/pkg/fields/selector_test.go
// (TestSplitTerms, TestEscapeValue, TestSelectorParse, TestSelectorMatches).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  type Op,
  parseLabelSelector,
  matches,
  fromLabelSelector,
  selectorToString,
  newRequirement,
  SelectorError,
  parseFieldSelector,
  matchesFieldSet,
  fieldSelectorToString,
} from '../src/api/selectors';

// TestSelectorParse: good strings restring to themselves without spaces; bad strings fail
for (const good of ['x=a,y=b,z=c', '', 'x!=a,y=b', 'x=', 'x= ', 'x=,z= ', 'x= ,z= ', '!x', 'x>1', 'x>1,z<5']) {
  test(`labels parse ${JSON.stringify(good)}`, () =>
    assert.equal(selectorToString(parseLabelSelector(good)), good.replace(/ /g, '')));
}
for (const bad of ['x=a||y=b', 'x==a==b', '!x=a', 'x<a']) {
  test(`labels reject ${JSON.stringify(bad)}`, () => assert.throws(() => parseLabelSelector(bad), SelectorError));
}

// TestSelectorMatches, and kspec's earlier rows
const matchRows: Array<[string, Record<string, string>, boolean]> = [
  ['', { x: 'y' }, true],
  ['x=y', { x: 'y' }, true],
  ['x=y,z=w', { x: 'y', z: 'w' }, true],
  ['x!=y,z!=w', { x: 'z', z: 'a' }, true],
  ['notin=in', { notin: 'in' }, true],
  ['x', { x: 'z' }, true],
  ['!x', { y: 'z' }, true],
  ['x>1', { x: '2' }, true],
  ['x<1', { x: '0' }, true],
  ['x=z', {}, false],
  ['x=y', { x: 'z' }, false],
  ['x=y,z=w', { x: 'w', z: 'w' }, false],
  ['x!=y,z!=w', { x: 'z', z: 'w' }, false],
  ['x', { y: 'z' }, false],
  ['!x', { x: 'z' }, false],
  ['x>1', { x: '0' }, false],
  ['x<1', { x: '2' }, false],
  ['foo=bar', { foo: 'bar', baz: 'blah' }, true],
  ['baz=blah', { foo: 'bar', baz: 'blah' }, true],
  ['foo=bar,baz=blah', { foo: 'bar', baz: 'blah' }, true],
  ['foo=blah', { foo: 'bar', baz: 'blah' }, false],
  ['baz=bar', { foo: 'bar', baz: 'blah' }, false],
  ['foo=bar,foobar=bar,baz=blah', { foo: 'bar', baz: 'blah' }, false],
  ['app==web', { app: 'web' }, true],
  ['app = web', { app: 'web' }, true],
  ['env in (prod, staging)', { env: 'staging' }, true],
  ['env notin (prod)', {}, true],
  ['legacy', { legacy: '' }, true],
  ['app=', { app: '' }, true],
  ['x in ()', { x: '' }, true],
  ['x in ()', { x: 'a' }, false],
  ['x notin (,a)', { x: '' }, false],
  ['x>1', { x: 'v2' }, false],
  ['x>1', {}, false],
];
for (const [text, labels, want] of matchRows) {
  test(`"${text}" on ${JSON.stringify(labels)} -> ${want}`, () =>
    assert.equal(matches(parseLabelSelector(text), labels), want));
}

// TestRequirementConstructor
const ctorRows: Array<[string, Op, string[], boolean]> = [
  ['x', 'In', [], false],
  ['x', 'NotIn', [], false],
  ['x', 'In', ['foo'], true],
  ['x', 'NotIn', ['foo'], true],
  ['x', 'Exists', [], true],
  ['x', 'DoesNotExist', [], true],
  ['1foo', 'In', ['bar'], true],
  ['1234', 'In', ['bar'], true],
  ['y', 'Gt', ['1'], true],
  ['z', 'Lt', ['6'], true],
  ['foo', 'Gt', ['bar'], false],
  ['barz', 'Lt', ['blah'], false],
];
for (const [key, op, vals, ok] of ctorRows) {
  test(`NewRequirement ${key} ${op} ${JSON.stringify(vals)}`, () =>
    (ok ? assert.doesNotThrow : assert.throws)(() => newRequirement(key, op, vals)));
}
test('a key longer than 253 characters is not a qualified name', () =>
  assert.throws(() => parseLabelSelector('a'.repeat(254)), SelectorError));

// TestToString (values sorted, `notin ()` for the empty value)
const toStringRows: Array<[string, string]> = [
  ['x in (abc,def),y notin (jkl),z', 'x in (abc,def),y notin (jkl),z'],
  ['x notin (def,abc),y!=jkl,!z', 'x notin (abc,def),y!=jkl,!z'],
  ['x notin (abc),y in (jkl,mno),z notin ()', 'x notin (abc),y in (jkl,mno),z notin ()'],
  ['x>2,y<8,z', 'x>2,y<8,z'],
];
for (const [text, want] of toStringRows)
  test(`String ${text}`, () => assert.equal(selectorToString(parseLabelSelector(text)), want));

// TestSetSelectorParser: valid inputs with the requirements they give (sorted by key), invalid ones
const setRows: Array<[string, string | null]> = [
  ['', ''],
  ['\rx', 'x'],
  ['this-is-a-dns.domain.com/key-with-dash', 'this-is-a-dns.domain.com/key-with-dash'],
  [
    'this-is-another-dns.domain.com/key-with-dash in (so,what)',
    'this-is-another-dns.domain.com/key-with-dash in (so,what)',
  ],
  ['0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)', '0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)'],
  ['foo  in\t (abc)', 'foo in (abc)'],
  ['x notin\n (abc)', 'x notin (abc)'],
  ['x  notin\t\t\t(abc,def)', 'x notin (abc,def)'],
  ['x in (abc,def)', 'x in (abc,def)'],
  ['x in (abc,)', 'x in (,abc)'],
  ['x in ()', 'x in ()'],
  ['x notin (abc,,def),bar,z in (),w', 'bar,w,x notin (,abc,def),z in ()'],
  ['x,y in (a)', 'x,y in (a)'],
  ['x=a', 'x=a'],
  ['x>1', 'x>1'],
  ['x<7', 'x<7'],
  ['x=a,y!=b', 'x=a,y!=b'],
  ['x=a,y!=b,z in (h,i,j)', 'x=a,y!=b,z in (h,i,j)'],
  ['x notin ( )', 'x notin ()'],
  ['x notin (, a)', 'x notin (,a)'],
  ['a ', 'a'],
  ['a in (x,y,notin, z,in)', 'a in (in,notin,x,y,z)'],
  ['x=a||y=b', null],
  ['x,y', 'x,y'],
  [',x,y', null],
  ['x nott in (y)', null],
  ['a in (xyz),', null],
  ['a in (xyz)b notin ()', null],
  ['a in (xyz abc)', null],
  ['a notin(', null],
  ['a (', null],
  ['(', null],
];
for (const [text, want] of setRows) {
  test(`set-based ${JSON.stringify(text)}`, () => {
    if (want === null) assert.throws(() => parseLabelSelector(text), SelectorError);
    else assert.equal(selectorToString(parseLabelSelector(text)), want);
  });
}

// The messages the API server answers a list with (labels.Parse's errors, field paths of a nil root)
const messageRows: Array<[string, string]> = [
  [
    'x>a',
    `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`,
  ],
  ['!x=a', `found '=', expected: ',' or 'end of string'`],
  ['x nott in (y)', `unable to parse requirement: found 'nott', expected: in, notin, =, ==, !=, gt, lt`],
  ['a in (xyz abc)', `unable to parse requirement: found 'abc', expected: ',' or ')'`],
  ['a (', `unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt`],
  ['(', `found '(', expected: !, identifier, or 'end of string'`],
  [',x', `found ',', expected: !, identifier, or 'end of string'`],
  ['a in (xyz),', `found '', expected: identifier after ','`],
  ['a notin(', `unable to parse requirement: found '', expected: ',', ')' or identifier`],
  ['a in x', `unable to parse requirement: found 'x' expected: '('`],
  ['x=(', `unable to parse requirement: found '(', expected: identifier`],
  [
    '-x',
    `unable to parse requirement: <nil>: Invalid value: "-x": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
  ],
  [
    'x=a/b',
    `unable to parse requirement: values[0][x]: Invalid value: "a/b": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
  ],
  ['x=<', `unable to parse requirement: found '<', expected: identifier`],
];
for (const [text, message] of messageRows)
  test(`message for ${JSON.stringify(text)}`, () => assert.throws(() => parseLabelSelector(text), { message }));

test('LabelSelector: nil selects nothing, empty selects everything', () => {
  assert.equal(matches(fromLabelSelector(undefined), { a: 'b' }), false);
  assert.equal(matches(fromLabelSelector({}), { a: 'b' }), true);
  assert.equal(
    matches(fromLabelSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: ['b', 'c'] }] }), { a: 'c' }),
    true,
  );
});

// fields: TestSelectorParse (good strings restring to themselves; bad ones fail)
for (const good of ['x=a,y=b,z=c', '', 'x!=a,y=b', 'x=a||y\\=b', 'x=a\\=\\=b']) {
  test(`fields parse ${JSON.stringify(good)}`, () =>
    assert.equal(fieldSelectorToString(parseFieldSelector(good)), good));
}
for (const bad of ['x=a||y=b', 'x==a==b', 'x=a,b', 'x in (a)', 'x in (a,b,c)', 'x']) {
  test(`fields reject ${JSON.stringify(bad)}`, () => assert.throws(() => parseFieldSelector(bad), SelectorError));
}
test('fields parse deterministically (terms sorted)', () => {
  assert.equal(
    fieldSelectorToString(parseFieldSelector('x=a,a=x')),
    fieldSelectorToString(parseFieldSelector('a=x,x=a')),
  );
});

// TestSplitTerms, seen through the terms parsed
const splitRows: Array<[string, Array<[string, string]>]> = [
  [
    'a=avalue,b=bvalue',
    [
      ['a', 'avalue'],
      ['b', 'bvalue'],
    ],
  ],
  ['a=a,', [['a', 'a']]],
  [',a=a', [['a', 'a']]],
  // terms are sorted: `k2=…` before `k=…`
  [
    'k=\\,,k2=v2',
    [
      ['k2', 'v2'],
      ['k', ','],
    ],
  ],
  [
    'k=\\\\,k2=v2',
    [
      ['k2', 'v2'],
      ['k', '\\'],
    ],
  ],
  [
    'k=\\\\\\,,k2=v2',
    [
      ['k2', 'v2'],
      ['k', '\\,'],
    ],
  ],
  [
    '함=수,목=록',
    [
      ['목', '록'],
      ['함', '수'],
    ],
  ],
  ['b==bvalue', [['b', 'bvalue']]],
];
for (const [text, want] of splitRows) {
  test(`fields terms of ${JSON.stringify(text)}`, () =>
    assert.deepEqual(
      parseFieldSelector(text).map((r) => [r.field, r.value]),
      want,
    ));
}

// TestEscapeValue's invalid sequences, and the unescaped rune (printed as its number, Go's %v of a rune)
const fieldErrors: Array<[string, string]> = [
  ['k=\\a\\b\\', 'invalid field selector: invalid escape sequence: \\a'],
  ['k=\\', 'invalid field selector: invalid escape sequence: \\'],
  ['k=\\\\\\', 'invalid field selector: invalid escape sequence: \\'],
  ['x==a==b', 'invalid field selector: unescaped character in value: 61'],
  ['x=a,b', "invalid selector: 'x=a,b'; can't understand 'b'"],
  ['x', "invalid selector: 'x'; can't understand 'x'"],
];
for (const [text, message] of fieldErrors)
  test(`fields message for ${JSON.stringify(text)}`, () => assert.throws(() => parseFieldSelector(text), { message }));

// fields: TestSelectorMatches
const fieldSet: Record<string, string> = { foo: 'bar', baz: 'blah', complex: '=value\\,\\' };
const fieldMatchRows: Array<[string, Record<string, string>, boolean]> = [
  ['', { x: 'y' }, true],
  ['x=y', { x: 'y' }, true],
  ['x=y,z=w', { x: 'y', z: 'w' }, true],
  ['x!=y,z!=w', { x: 'z', z: 'a' }, true],
  ['notin=in', { notin: 'in' }, true],
  ['x=y', { x: 'z' }, false],
  ['x=y,z=w', { x: 'w', z: 'w' }, false],
  ['x!=y,z!=w', { x: 'z', z: 'w' }, false],
  ['foo=bar', fieldSet, true],
  ['baz=blah', fieldSet, true],
  ['foo=bar,baz=blah', fieldSet, true],
  ['foo=bar,baz=blah,complex=\\=value\\\\\\,\\\\', fieldSet, true],
  ['foo=blah', fieldSet, false],
  ['baz=bar', fieldSet, false],
  ['foo=bar,foobar=bar,baz=blah', fieldSet, false],
];
for (const [text, set, want] of fieldMatchRows) {
  test(`fields "${text}" on ${JSON.stringify(set)} -> ${want}`, () =>
    assert.equal(
      matchesFieldSet(parseFieldSelector(text), (f) => set[f] ?? ''),
      want,
    ));
}

// The fields each kind can be listed by (pkg/apis/core/v1/conversion.go AddFieldLabelConversionFunc, the registries'
// ToSelectableFields): values as the registry computes them, anything else refused
import { fieldSelectorFor, matchesFieldSelector } from '../src/apiserver/field-labels';
const pod = {
  metadata: { name: 'web', namespace: 'default' },
  spec: { nodeName: 'node-1', restartPolicy: 'Always' },
  status: { phase: 'Running', podIPs: [{ ip: '10.244.1.5' }, { ip: 'fd00::5' }] },
} as any;
const fieldLabelRows: Array<[string, string, any, boolean | string]> = [
  ['pods', 'spec.nodeName=node-1', pod, true],
  ['pods', 'spec.host=node-1', pod, true],
  ['pods', 'spec.hostNetwork=false', pod, true],
  ['pods', 'status.podIPs=10.244.1.5\\,fd00::5', pod, true],
  ['pods', 'status.podIP=10.244.1.5', pod, true],
  ['pods', 'metadata.namespace=default,status.phase!=Pending', pod, true],
  ['pods', 'spec.restartPolicy=Never', pod, false],
  ['pods', 'spec.containers=x', pod, 'field label not supported: spec.containers'],
  ['nodes', 'spec.unschedulable=false', { metadata: { name: 'n' }, spec: {} }, true],
  ['replicasets', 'status.replicas=0', { metadata: { name: 'r' } }, true],
  ['jobs', 'status.successful=1', { metadata: { name: 'j' }, status: { succeeded: 1 } }, true],
  ['deployments', 'status.replicas=0', { metadata: { name: 'd' } }, 'field label not supported: status.replicas'],
  [
    'events',
    'involvedObject.name=web,type=Normal,source=kubelet',
    { metadata: { name: 'e' }, involvedObject: { name: 'web' }, type: 'Normal', source: { component: 'kubelet' } },
    true,
  ],
  ['secrets', 'type=Opaque', { metadata: { name: 's' }, type: 'Opaque' }, true],
];
for (const [resource, text, obj, want] of fieldLabelRows) {
  test(`field selector ${resource} ${text}`, () => {
    if (typeof want === 'string') assert.throws(() => fieldSelectorFor(resource, text), { message: want });
    else assert.equal(matchesFieldSelector(resource, fieldSelectorFor(resource, text), obj), want);
  });
}
