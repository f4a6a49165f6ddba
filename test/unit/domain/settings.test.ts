import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isGovmError } from '../../../src/errors.js';
import { coerceSetting, isSettingKey, resolveSettings, SETTINGS, type SettingKey, type Settings } from '../../../src/domain/settings.js';

const DEFAULTS: Settings = {
  mirror: 'official',
  indexUrl: undefined,
  autoInstall: false,
  insecure: false,
  offline: false,
  indexTtl: 3600,
  httpTimeout: 30,
  retries: 4,
  jobs: 4,
  containerEngine: 'auto',
  sandboxBase: 'debian:bookworm-slim',
  dockerRegistry: '',
};

test('defaults when neither env nor file says anything', () => {
  assert.deepEqual(resolveSettings({}, {}), DEFAULTS);
  // unrelated variables and unknown file keys are ignored
  assert.deepEqual(resolveSettings({ PATH: '/bin', GOVM_NOPE: '1' }, { nope: 1, __proto__: { mirror: 'x' } }), DEFAULTS);
});

test('env over file over default, for every setting', () => {
  const SAMPLE: Record<SettingKey, readonly [unknown, string, unknown]> = {
    // key: [file value, env value, env value coerced]
    mirror: ['china', 'https://mirror.example/go/', 'https://mirror.example/go/'],
    indexUrl: ['http://127.0.0.1:8080/dl/?mode=json', 'https://idx.example/dl.json', 'https://idx.example/dl.json'],
    autoInstall: [true, '0', false],
    insecure: [true, 'false', false],
    offline: [false, 'yes', true],
    indexTtl: [60, '0', 0],
    httpTimeout: [5, '90', 90],
    retries: [0, '7', 7],
    jobs: [1, '16', 16],
    containerEngine: ['podman', 'docker', 'docker'],
    sandboxBase: ['alpine:3.20', 'debian:trixie-slim', 'debian:trixie-slim'],
    dockerRegistry: ['mirror.gcr.io/library', 'registry.local:5000/', 'registry.local:5000/'],
  };
  for (const key of Object.keys(SETTINGS) as SettingKey[]) {
    const [fileValue, envValue, envCoerced] = SAMPLE[key];
    const envName = SETTINGS[key].env;
    assert.equal(resolveSettings({}, {})[key], DEFAULTS[key], `${key}: default`);
    assert.equal(resolveSettings({}, { [key]: fileValue })[key], fileValue, `${key}: file`);
    assert.equal(resolveSettings({ [envName]: envValue }, { [key]: fileValue })[key], envCoerced, `${key}: env wins`);
    assert.equal(resolveSettings({ [envName]: '' }, { [key]: fileValue })[key], fileValue, `${key}: empty env is unset`);
    assert.equal(resolveSettings({ [envName]: undefined }, {})[key], DEFAULTS[key], `${key}: undefined env`);
  }
  assert.deepEqual(Object.keys(SAMPLE).sort(), Object.keys(SETTINGS).sort(), 'the table covers every setting');
  assert.deepEqual(Object.keys(DEFAULTS).sort(), Object.keys(SETTINGS).sort());
});

test('every setting has a GOVM_ variable and a description', () => {
  const envs = new Set<string>();
  for (const key of Object.keys(SETTINGS) as SettingKey[]) {
    const s = SETTINGS[key];
    assert.match(s.env, /^GOVM_[A-Z_]+$/, key);
    assert.ok(!envs.has(s.env), `${s.env} is used once`);
    envs.add(s.env);
    assert.ok(s.describe.length > 10, key);
    assert.equal(isSettingKey(key), true);
  }
  for (const k of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'GOVM_MIRROR', 'Mirror', '']) assert.equal(isSettingKey(k), false, k);
});

test('bool coercion', () => {
  const TRUE = ['1', 'true', 'TRUE', 'True', 'yes', 'on', true, 1];
  const FALSE = ['0', 'false', 'FALSE', 'no', 'off', false, 0];
  for (const value of TRUE) assert.equal(coerceSetting('offline', value, 'test'), true, String(value));
  for (const value of FALSE) assert.equal(coerceSetting('offline', value, 'test'), false, String(value));
  for (const value of [undefined, null, '']) assert.equal(coerceSetting('offline', value, 'test'), false, `${value} → default`);
});

test('int coercion', () => {
  const OK: ReadonlyArray<readonly [unknown, number]> = [['0', 0], ['7', 7], ['3600', 3600], [12, 12], [0, 0], [' 8 ', 8]];
  for (const [value, want] of OK) assert.equal(coerceSetting('jobs', value, 'test'), want, JSON.stringify(value));
  assert.equal(coerceSetting('jobs', '', 'test'), 4);
});

test('invalid values are E_CONFIG naming the key, the value and where it came from', () => {
  const BAD: ReadonlyArray<readonly [SettingKey, unknown, RegExp]> = [
    ['offline', 'maybe', /1\/0, true\/false/],
    ['offline', '2', /1\/0/],
    ['offline', 'y', /1\/0/],
    ['insecure', [], /1\/0/],
    ['autoInstall', {}, /1\/0/],
    ['jobs', 'many', /whole number/],
    ['jobs', '-1', /whole number/],
    ['jobs', -1, /whole number/],
    ['jobs', '1.5', /whole number/],
    ['jobs', 2.5, /whole number/],
    ['jobs', '0x10', /whole number/],
    ['jobs', '1e3', /whole number/],
    ['jobs', '+3', /whole number/],
    ['jobs', 'Infinity', /whole number/],
    ['jobs', Number.POSITIVE_INFINITY, /whole number/],
    ['jobs', Number.NaN, /whole number/],
    ['retries', '99999999999999999999', /whole number/],
    ['retries', true, /whole number/],
    ['mirror', true, /^$/],
    ['mirror', { url: 'x' }, /^$/],
    ['sandboxBase', ['debian'], /^$/],
  ];
  for (const [key, value, hint] of BAD) {
    assert.throws(() => coerceSetting(key, value, 'GOVM_TEST'), (e: unknown) => {
      assert.ok(isGovmError(e), `${key}=${String(value)}`);
      assert.equal(e.code, 'E_CONFIG');
      assert.equal(e.exitCode, 2);
      assert.ok(e.message.includes(key), e.message);
      assert.ok(e.message.includes('(from GOVM_TEST)'), e.message);
      assert.match(e.hint ?? '', hint, `${key}=${String(value)}`);
      return true;
    }, `${key}=${String(value)}`);
  }
});

test('resolveSettings says which source held a bad value', () => {
  assert.throws(() => resolveSettings({ GOVM_JOBS: 'lots' }, {}), (e: unknown) => isGovmError(e) && /jobs.*from GOVM_JOBS/.test(e.message));
  assert.throws(() => resolveSettings({}, { retries: 'x' }, '/home/u/.govm/config.json'), (e: unknown) => isGovmError(e) && e.message.includes('(from /home/u/.govm/config.json)'));
  // a bad file value does not matter when the env overrides it
  assert.equal(resolveSettings({ GOVM_RETRIES: '1' }, { retries: 'x' }).retries, 1);
});
