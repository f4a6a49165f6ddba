// Completion scripts for bash, zsh, fish and PowerShell, generated from the
// CLI's own command table (completion-model.ts). Installed versions are listed
// by globbing $GOVM_HOME/versions in the shell: completing never starts govm.
import { namesOf, safeWord, type CompletionCommand, type CompletionModel, type CompletionOption } from './completion-model.js';
import { quoteFish, quotePwsh, quoteSh, type CompletionShell } from './shared.js';

export function completionScript(shell: CompletionShell, model: CompletionModel, home: string): string {
  switch (shell) {
    case 'bash': return bash(model, home);
    case 'zsh': return zsh(model, home);
    case 'fish': return fish(model, home);
    case 'pwsh': return pwsh(model, home);
  }
}

const optNames = (opts: readonly CompletionOption[]): string[] => opts.flatMap((o) => o.names.map(safeWord));
const valueOpts = (opts: readonly CompletionOption[]): CompletionOption[] => opts.filter((o) => o.takesValue);

/** Every option that takes a value anywhere: its next word is never a command name. */
function allValueOptions(m: CompletionModel): string[] {
  const set = new Set<string>();
  const walk = (c: CompletionCommand): void => {
    for (const o of valueOpts(c.options)) for (const n of o.names) set.add(safeWord(n));
    c.subcommands.forEach(walk);
  };
  m.commands.forEach(walk);
  for (const o of valueOpts(m.globalOptions)) for (const n of o.names) set.add(safeWord(n));
  return [...set];
}

// ---------------------------------------------------------------- bash
function bashBlock(c: CompletionCommand, indent: string): string[] {
  const words = [...c.argChoices.map(safeWord), ...c.subcommands.flatMap(namesOf).map(safeWord)];
  const lines = [
    `${indent}opts=${quoteSh(optNames(c.options).join(' '))}; words=${quoteSh(words.join(' '))}; ver=${c.takesVersion ? 1 : 0}`,
  ];
  const vo = valueOpts(c.options);
  if (vo.length > 0) {
    lines.push(`${indent}case $prev in`);
    for (const o of vo) {
      const reply = o.choices.length ? `COMPREPLY=($(compgen -W ${quoteSh(o.choices.map(safeWord).join(' '))} -- "$cur"))` : 'COMPREPLY=($(compgen -f -- "$cur"))';
      lines.push(`${indent}  ${o.names.map(safeWord).join('|')}) ${reply}; return ;;`);
    }
    lines.push(`${indent}esac`);
  }
  return lines;
}

function bash(m: CompletionModel, home: string): string {
  const cases: string[] = [];
  for (const c of m.commands) {
    cases.push(`    ${namesOf(c).map(safeWord).join('|')})`);
    if (c.subcommands.length === 0) {
      cases.push(...bashBlock(c, '      '));
    } else {
      cases.push('      case $sub in');
      cases.push(`        '')`, ...bashBlock(c, '          '), '          ;;');
      for (const s of c.subcommands) cases.push(`        ${namesOf(s).map(safeWord).join('|')})`, ...bashBlock(s, '          '), '          ;;');
      cases.push('      esac');
    }
    cases.push('      ;;');
  }
  const top = m.commands.flatMap(namesOf).map(safeWord).join(' ');
  return `# govm completion for bash: eval "$(govm completion bash)" or save it to
# ~/.local/share/bash-completion/completions/govm
_govm_complete() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]}
  local cmd= sub= i w skip=0 opts= words= ver=0
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=\${COMP_WORDS[i]}
    if [ "$skip" = 1 ]; then skip=0; continue; fi
    case $w in
      ${allValueOptions(m).join('|') || '--'}) skip=1; continue ;;
      -*) continue ;;
    esac
    if [ -z "$cmd" ]; then cmd=$w; elif [ -z "$sub" ]; then sub=$w; fi
  done
  case $cmd in
    '') opts=${quoteSh(optNames(m.globalOptions).join(' '))}; words=${quoteSh(top)} ;;
${cases.join('\n')}
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    return
  fi
  if [ "$ver" = 1 ]; then
    local d=\${GOVM_HOME:-${quoteSh(home)}}/versions v
    for v in "$d"/*; do [ -d "$v" ] && words+=" \${v##*/}"; done
    words+=" latest"
  fi
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F _govm_complete govm
`;
}

// ---------------------------------------------------------------- zsh
const zq = (name: string, desc: string): string => quoteSh(`${name.replace(/:/g, '\\:')}:${desc}`);

function zshBlock(c: CompletionCommand, indent: string): string[] {
  const items = [
    ...c.subcommands.map((s) => zq(safeWord(s.name), s.description)),
    ...c.argChoices.map((w) => zq(safeWord(w), '')),
  ];
  const opts = c.options.flatMap((o) => o.names.map((n) => zq(safeWord(n), o.description)));
  const lines = [`${indent}words_=(${items.join(' ')}); opts_=(${opts.join(' ')}); ver=${c.takesVersion ? 1 : 0}`];
  const vo = valueOpts(c.options);
  if (vo.length > 0) {
    lines.push(`${indent}case $prev in`);
    for (const o of vo) {
      const act = o.choices.length ? `compadd -- ${o.choices.map(safeWord).join(' ')}` : '_files';
      lines.push(`${indent}  ${o.names.map(safeWord).join('|')}) ${act}; return ;;`);
    }
    lines.push(`${indent}esac`);
  }
  return lines;
}

function zsh(m: CompletionModel, home: string): string {
  const cases: string[] = [];
  for (const c of m.commands) {
    cases.push(`    ${namesOf(c).map(safeWord).join('|')})`);
    if (c.subcommands.length === 0) cases.push(...zshBlock(c, '      '));
    else {
      cases.push('      case $sub in', `        '')`, ...zshBlock(c, '          '), '          ;;');
      for (const s of c.subcommands) cases.push(`        ${namesOf(s).map(safeWord).join('|')})`, ...zshBlock(s, '          '), '          ;;');
      cases.push('      esac');
    }
    cases.push('      ;;');
  }
  const top = m.commands.map((c) => zq(safeWord(c.name), c.description)).join(' ');
  const gopts = m.globalOptions.flatMap((o) => o.names.map((n) => zq(safeWord(n), o.description))).join(' ');
  return `#compdef govm
# govm completion for zsh: eval "$(govm completion zsh)" after compinit, or save
# it as _govm in a folder of $fpath
_govm() {
  local cur=\${words[CURRENT]} prev=\${words[CURRENT-1]} cmd= sub= i w skip=0 ver=0
  local -a words_ opts_ vers_
  for ((i = 2; i < CURRENT; i++)); do
    w=\${words[i]}
    if (( skip )); then skip=0; continue; fi
    case $w in
      ${allValueOptions(m).join('|') || '--'}) skip=1; continue ;;
      -*) continue ;;
    esac
    if [[ -z $cmd ]]; then cmd=$w; elif [[ -z $sub ]]; then sub=$w; fi
  done
  case $cmd in
    '') words_=(${top}); opts_=(${gopts}) ;;
${cases.join('\n')}
  esac
  if [[ $cur == -* ]]; then
    _describe -t options option opts_
    return
  fi
  if (( ver )); then
    vers_=(\${GOVM_HOME:-${quoteSh(home)}}/versions/*(N/:t) latest)
    compadd -a vers_
  fi
  (( $#words_ )) && _describe -t commands command words_
  return 0
}
if (( $+functions[compdef] )); then compdef _govm govm; fi
`;
}

// ---------------------------------------------------------------- fish
function fish(m: CompletionModel, home: string): string {
  const lines = [
    '# govm completion for fish: govm completion fish | source, or save it to',
    '# ~/.config/fish/completions/govm.fish',
    'complete -c govm -f',
    'function __govm_versions',
    `    set -l d (string join '' $GOVM_HOME); test -n "$d"; or set d ${quoteFish(home)}`,
    '    for v in $d/versions/*',
    '        test -d $v; and string replace -r \'.*/\' \'\' -- $v',
    '    end',
    '    echo latest',
    'end',
  ];
  const optLine = (cond: string, o: CompletionOption): string => {
    const parts = [`complete -c govm -n ${quoteFish(cond)}`];
    for (const n of o.names) parts.push(n.startsWith('--') ? `-l ${safeWord(n.slice(2))}` : `-s ${safeWord(n.slice(1))}`);
    if (o.takesValue) parts.push(o.choices.length ? `-x -a ${quoteFish(o.choices.map(safeWord).join(' '))}` : '-r -F');
    if (o.description) parts.push(`-d ${quoteFish(o.description)}`);
    return parts.join(' ');
  };
  for (const o of m.globalOptions) lines.push(optLine('__fish_use_subcommand', o));
  for (const c of m.commands) {
    const names = namesOf(c).map(safeWord);
    lines.push(`complete -c govm -n __fish_use_subcommand -a ${safeWord(c.name)} -d ${quoteFish(c.description)}`);
    const seen = `__fish_seen_subcommand_from ${names.join(' ')}`;
    if (c.subcommands.length > 0) {
      const subNames = c.subcommands.flatMap(namesOf).map(safeWord);
      for (const s of c.subcommands) {
        lines.push(`complete -c govm -n ${quoteFish(`${seen}; and not __fish_seen_subcommand_from ${subNames.join(' ')}`)} -a ${safeWord(s.name)} -d ${quoteFish(s.description)}`);
        const sseen = `${seen}; and __fish_seen_subcommand_from ${namesOf(s).map(safeWord).join(' ')}`;
        for (const o of s.options) lines.push(optLine(sseen, o));
        if (s.takesVersion) lines.push(`complete -c govm -n ${quoteFish(sseen)} -a '(__govm_versions)'`);
      }
    }
    for (const o of c.options) lines.push(optLine(seen, o));
    if (c.argChoices.length) lines.push(`complete -c govm -n ${quoteFish(seen)} -a ${quoteFish(c.argChoices.map(safeWord).join(' '))}`);
    if (c.takesVersion) lines.push(`complete -c govm -n ${quoteFish(seen)} -a '(__govm_versions)'`);
  }
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------- pwsh
function pwsh(m: CompletionModel, home: string): string {
  const entry = (key: string, c: { options: readonly CompletionOption[]; words: string[]; ver: boolean }): string => {
    const opts = c.options.map((o) => `@{n=@(${o.names.map((n) => quotePwsh(safeWord(n))).join(',')});v=$${o.takesValue};c=@(${o.choices.map((x) => quotePwsh(safeWord(x))).join(',')})}`);
    return `  ${quotePwsh(key)} = @{ o = @(${opts.join(', ')}); w = @(${c.words.map((w) => quotePwsh(safeWord(w))).join(',')}); v = $${c.ver} }`;
  };
  const table: string[] = [entry('', { options: m.globalOptions, words: m.commands.map((c) => c.name), ver: false })];
  for (const c of m.commands) {
    for (const n of namesOf(c)) {
      table.push(entry(n, { options: c.options, words: [...c.argChoices, ...c.subcommands.map((s) => s.name)], ver: c.takesVersion }));
      for (const s of c.subcommands) for (const sn of namesOf(s)) table.push(entry(`${n} ${sn}`, { options: s.options, words: [...s.argChoices], ver: s.takesVersion }));
    }
  }
  const subs = m.commands.filter((c) => c.subcommands.length > 0).flatMap(namesOf).map((n) => quotePwsh(safeWord(n)));
  return `# govm completion for PowerShell: govm completion pwsh | Out-String | Invoke-Expression
$__govmCompletion = @{
${table.join('\n')}
}
$__govmHasSub = @(${subs.join(',')})
$__govmValueOpts = @(${allValueOptions(m).map(quotePwsh).join(',')})
Register-ArgumentCompleter -Native -CommandName govm -ScriptBlock {
  param($wordToComplete, $commandAst, $cursorPosition)
  $els = @($commandAst.CommandElements | Where-Object { $_.Extent.EndOffset -lt $cursorPosition -or $_.Extent.Text -ne $wordToComplete } | ForEach-Object { $_.Extent.Text })
  $cmd = ''; $sub = ''; $skip = $false; $prev = ''
  foreach ($w in $els | Select-Object -Skip 1) {
    $prev = $w
    if ($skip) { $skip = $false; continue }
    if ($__govmValueOpts -contains $w) { $skip = $true; continue }
    if ($w.StartsWith('-')) { continue }
    if (-not $cmd) { $cmd = $w } elseif (-not $sub -and $__govmHasSub -contains $cmd) { $sub = $w }
  }
  $key = if ($sub) { "$cmd $sub" } else { $cmd }
  $spec = $__govmCompletion[$key]
  if (-not $spec) { return }
  $cands = @()
  $valueOpt = $spec.o | Where-Object { $_.v -and $_.n -contains $prev } | Select-Object -First 1
  if ($valueOpt -and $wordToComplete -ne $prev) { $cands = $valueOpt.c }
  elseif ($wordToComplete.StartsWith('-')) { $cands = $spec.o | ForEach-Object { $_.n } }
  else {
    $cands = @($spec.w)
    if ($spec.v) {
      $h = if ($env:GOVM_HOME) { $env:GOVM_HOME } else { ${quotePwsh(home)} }
      $cands += @(Get-ChildItem -Directory -ErrorAction SilentlyContinue (Join-Path $h 'versions') | ForEach-Object { $_.Name }) + @('latest')
    }
  }
  $cands | Where-Object { $_ -like "$wordToComplete*" } | ForEach-Object {
    [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
  }
}
`;
}
