// `govm sandbox run|shell|image build`: Go in a container pinned to one version.
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { collect, sandboxFlags, terminalIO, type SandboxFlags } from './sandbox-flags.js';

export function register(program: Command, ctx: Context): void {
  const sandbox = program
    .command('sandbox')
    .description('run Go commands in a container pinned to an exact Go version, the project mounted');

  sandboxFlags(
    sandbox
      .command('run')
      .usage('[options] -- <command> [args…]')
      .description('run one command in a sandbox; exits with its exit code')
      .argument('<command...>', 'the command (after --)'),
  ).action(async (command: string[], opts: SandboxFlags) => {
    const { sandboxRun } = await import('../services/sandbox/run.js');
    process.exitCode = await sandboxRun(ctx, opts, command, terminalIO());
  });

  sandboxFlags(
    sandbox
      .command('shell')
      .description('an interactive shell in a sandbox')
      .argument('[version]', 'Go version (default: the one resolved here)'),
    false,
  ).action(async (version: string | undefined, opts: SandboxFlags) => {
    const { sandboxShell } = await import('../services/sandbox/run.js');
    process.exitCode = await sandboxShell(ctx, { ...opts, go: version }, terminalIO());
  });

  const image = sandbox.command('image').description('sandbox images');
  image
    .command('build')
    .description('build local images from installed toolchains (installed on demand), tag and push them')
    .argument('[versions...]', 'Go versions (default: the one resolved here)')
    .option('-t, --tag <template>', "tag to apply, with {version} {minor} {major} placeholders (repeatable), e.g. 'mygo:{version}-bookworm'", collect)
    .option('--base <image>', 'base image (GOVM_SANDBOX_BASE, default debian:bookworm-slim)')
    .option('--engine <name>', 'container engine: docker, podman, auto, or a path')
    .option('--push', 'push the tags')
    .option('--json', 'print results as JSON')
    .action(async (versions: string[], opts: { tag?: string[]; base?: string; engine?: string; push?: boolean; json?: boolean }) => {
      const { GovmError } = await import('../errors.js');
      if (opts.push && !opts.tag?.length) throw new GovmError('E_USAGE', '--push needs --tag', { hint: "e.g. --tag 'registry.example.com/go:{version}' --push" });
      const { imageBuild } = await import('../services/sandbox/image-build.js');
      const results = await imageBuild(ctx, versions, opts);
      if (opts.json) return ctx.out.json(results);
      for (const r of results) {
        ctx.out.print(`${r.version}\t${r.image}\t${r.built ? 'built' : 'cached'}${r.tags.length ? `\t${r.tags.join(' ')}${r.pushed ? ' (pushed)' : ''}` : ''}`);
      }
    });
}
