// Loads the recorded and hand-made go.dev indexes under test/fixtures (see its README).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface RawFile {
  filename: string;
  os: string;
  arch: string;
  version: string;
  sha256: string;
  size: number;
  kind: string;
}

export interface RawRelease {
  version: string;
  stable: boolean;
  files: RawFile[];
}

const fixture = (name: string): string => fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url));

export const readFixtureText = (name: string): string => readFileSync(fixture(name), 'utf8');

/** The real go.dev index recorded by actions/setup-go (go1 … go1.14). */
export const RECORDED: RawRelease[] = JSON.parse(readFixtureText('golang-dl.json')) as RawRelease[];

/** Hand-made index: real modern release names, synthetic digests. */
export const MODERN: RawRelease[] = JSON.parse(readFixtureText('index-modern.json')) as RawRelease[];

export const FIXTURES: ReadonlyArray<readonly [string, RawRelease[]]> = [
  ['golang-dl.json', RECORDED],
  ['index-modern.json', MODERN],
];
