// PowerShell integration: `govm init pwsh | Out-String | Invoke-Expression`.
//
// Same contract as the other shells: shims first on PATH (no duplicates),
// a `govm` function whose `govm shell` sets $env:GOVM_GO_VERSION after
// checking the answer, and with --use-on-cd a prompt wrapper that puts the
// resolved GOROOT\bin first, re-resolved in PowerShell itself (no process
// start) and applied only when the answer changes. __govm_resolve follows
// domain/resolution.ts rule for rule. pwsh is not installed on the Linux CI
// machine: this text is covered by unit tests only (see README).
import { quotePwsh } from './shared.js';
import type { InitOptions } from './fish.js';

export const PWSH_RESOLVER = String.raw`
function global:__govm_spec([string]$v) {
  if ($v -cnotmatch '^[0-9a-z.]+$') { return $null }
  $v = $v -creplace '^go', ''
  if ($v -cmatch '^(latest|stable|oldstable|(0|[1-9][0-9]{0,8})(\.x|\.(0|[1-9][0-9]{0,8})(\.x|\.(0|[1-9][0-9]{0,8})|(alpha|beta|rc)(0|[1-9][0-9]{0,8}))?)?)$') { return $v }
  return $null
}

# Returns @(kind, spec) for a file naming a version, $null when it names none;
# throws "<file>:<line>: …" for a malformed one.
function global:__govm_read_spec([string]$file, [string]$kind) {
  $n = 0; $found = $null; $go = $null; $tc = $null; $block = $false
  foreach ($raw in ([IO.File]::ReadAllText($file) -split "\n")) {
    $n++
    $raw = $raw -creplace '\r$', ''
    if ($kind -eq '.go-version') {
      $v = ($raw -replace '#.*', '').Trim(" ", [char]9)
      if (-not $v) { continue }
      if ($found) { throw "${'$'}{file}:${'$'}{n}: a second version (one version per file)" }
      $found = __govm_spec $v
      if (-not $found) { throw "${'$'}{file}:${'$'}{n}: '$v' is not a version" }
    } elseif ($kind -eq '.tool-versions') {
      $words = @(($raw -replace '#.*', '').Trim(" ", [char]9) -split '[ \t]+' | Where-Object { $_ })
      if ($words.Count -eq 0 -or ($words[0] -cne 'golang' -and $words[0] -cne 'go')) { continue }
      if ($words.Count -lt 2) { throw "${'$'}{file}:${'$'}{n}: '$($words[0])' lists no version" }
      $v = __govm_spec $words[1]
      if (-not $v) { throw "${'$'}{file}:${'$'}{n}: '$($words[1])' is not a version" }
      return @('exact', $v)
    } else {
      $body = ($raw -replace '//.*', '').Trim(" ", [char]9)
      if ($block) { if ($body.StartsWith(')')) { $block = $false }; continue }
      if ($body.EndsWith('(')) { $block = $true; continue }
      if ($body -cnotmatch '^(go|toolchain)[ \t]+(.*)$') { continue }
      $verb = $Matches[1]; $arg = $Matches[2]
      if ($arg -match '[ \t]') { throw "${'$'}{file}:${'$'}{n}: '$verb' takes one version" }
      if ($verb -ceq 'go') {
        if ($go) { continue }
        if ($arg -cnotmatch '^(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})(\.(0|[1-9][0-9]{0,8})|(rc|beta)(0|[1-9][0-9]{0,8}))?$') { throw "${'$'}{file}:${'$'}{n}: 'go' needs a Go version such as 1.21 or 1.21.3" }
        $go = $arg
      } else {
        if ($tc) { continue }
        if ($arg -ceq 'default') { $tc = 'default'; continue }
        if (-not $arg.StartsWith('go')) { throw "${'$'}{file}:${'$'}{n}: toolchain must be 'default' or goX.Y.Z" }
        $tc = __govm_spec $arg
        if (-not $tc) { throw "${'$'}{file}:${'$'}{n}: '$arg' is not a version" }
      }
    }
  }
  if ($found) { return @('exact', $found) }
  if ($tc -and $tc -ne 'default') { return @('exact', $tc) }
  if ($go) { return @('minimum', $go) }
  return $null
}

function global:__govm_pick([string]$home_, [string]$kind, [string]$spec) {
  $exact = $null; $alt = $null; $wmaj = $null; $wmin = $null; $floor = 0
  if ($kind -eq 'minimum') {
    $p = ($spec -creplace '(rc|beta)[0-9]+$', '').Split('.')
    $wmaj = $p[0]; $wmin = $p[1]; if ($p.Count -gt 2) { $floor = [long]$p[2] }
  } elseif ($spec -ceq 'latest' -or $spec -ceq 'stable') {
  } elseif ($spec -ceq 'oldstable') { return 'defer'
  } elseif ($spec -cmatch '^[0-9]+(\.x)?$') { $wmaj = $spec -creplace '\.x$', ''
  } elseif ($spec -cmatch '^[0-9]+\.[0-9]+(\.x)?$') { $p = $spec.Split('.'); $wmaj = $p[0]; $wmin = $p[1]
  } else {
    $exact = $spec; $p = $spec.Split('.')
    if ($p.Count -eq 3 -and $p[2] -ceq '0' -and ([long]$p[0] -lt 1 -or ($p[0] -ceq '1' -and [long]$p[1] -lt 21))) { $alt = "$($p[0]).$($p[1])" }
  }
  $dir = [IO.Path]::Combine($home_, 'versions')
  if (-not [IO.Directory]::Exists($dir)) { return $null }
  $best = $null; $b = @(0, 0, 0)
  foreach ($d in [IO.Directory]::GetFileSystemEntries($dir)) {
    $name = [IO.Path]::GetFileName($d)
    if ($exact) { if ($name -ceq $exact -or $name -ceq $alt) { return $name }; continue }
    if ($name -cnotmatch '^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?$') { continue }
    $p = $name.Split('.')
    $v = @([long]$p[0], [long]$p[1], 0)
    if ($p.Count -eq 3) { $v[2] = [long]$p[2] } elseif (-not ($v[0] -lt 1 -or ($v[0] -eq 1 -and $v[1] -lt 21))) { continue }
    if ($null -ne $wmaj -and $p[0] -cne $wmaj) { continue }
    if ($null -ne $wmin -and $p[1] -cne $wmin) { continue }
    if ($v[2] -lt $floor) { continue }
    if (-not $best -or $v[0] -gt $b[0] -or ($v[0] -eq $b[0] -and ($v[1] -gt $b[1] -or ($v[1] -eq $b[1] -and $v[2] -gt $b[2])))) { $best = $name; $b = $v }
  }
  return $best
}

# Sets $global:__govm_r = @{ status = ok|missing|none|defer|error; name; root; msg }.
function global:__govm_resolve {
  $h = if ($env:GOVM_HOME) { $env:GOVM_HOME } else { $global:__govmDefaultHome }
  $r = @{ status = 'none'; name = $null; root = $null; msg = $null }
  $global:__govm_r = $r
  $req = $null
  try {
    if ($env:GOVM_GO_VERSION) {
      $v = __govm_spec $env:GOVM_GO_VERSION.Trim()
      if (-not $v) { throw "GOVM_GO_VERSION: '$($env:GOVM_GO_VERSION)' is not a version" }
      $req = @('exact', $v)
    } else {
      $d = (Get-Location).ProviderPath
      while ($d -and -not $req) {
        foreach ($f in '.go-version', '.tool-versions', 'go.work', 'go.mod') {
          $file = [IO.Path]::Combine($d, $f)
          if (-not [IO.File]::Exists($file)) { continue }
          $req = __govm_read_spec $file $f
          if ($req) { break }
        }
        $d = [IO.Path]::GetDirectoryName($d)
      }
      $g = [IO.Path]::Combine($h, 'version')
      if (-not $req -and [IO.File]::Exists($g)) { $req = __govm_read_spec $g '.go-version' }
    }
  } catch { $r.status = 'error'; $r.msg = "$_"; return }
  if (-not $req) { return }
  $name = __govm_pick $h $req[0] $req[1]
  if ($name -ceq 'defer') { $r.status = 'defer' }
  elseif ($name) { $r.status = 'ok'; $r.name = $name; $r.root = [IO.Path]::Combine($h, 'versions', $name) }
  else { $r.status = 'missing' }
}
`;

const PWSH_HOOK = String.raw`
$global:__govm_active = ''
$global:__govm_lasterr = ''
function global:__govm_hook {
  __govm_resolve
  $r = $global:__govm_r
  $want = if ($r.status -eq 'ok') { [IO.Path]::Combine($r.root, 'bin') } else { '' }
  $err = if ($r.status -eq 'error') { "$($r.msg)" } else { '' }
  # Nothing changed since the last prompt: the usual case, and the cheapest.
  if ($want -eq $global:__govm_active -and $err -eq $global:__govm_lasterr) { return }
  $global:__govm_lasterr = $err
  if ($err) { [Console]::Error.WriteLine("govm: $err") }
  if ($want -eq $global:__govm_active) { return }
  $sep = [IO.Path]::PathSeparator
  $rest = @($env:PATH -split [regex]::Escape($sep) | Where-Object { $_ -and $_ -ne $global:__govm_active })
  if ($want) {
    $env:PATH = (@($want) + $rest) -join $sep
    $env:GOROOT = $r.root
  } else {
    $env:PATH = $rest -join $sep
    if ($global:__govm_active -and "$($env:GOROOT)" -and [IO.Path]::Combine($env:GOROOT, 'bin') -eq $global:__govm_active) { Remove-Item Env:GOROOT -ErrorAction SilentlyContinue }
  }
  $global:__govm_active = $want
}
$global:__govmPrompt = $function:prompt
function global:prompt { __govm_hook; & $global:__govmPrompt }
if (-not $env:GOTOOLCHAIN) { $env:GOTOOLCHAIN = 'local' }
__govm_hook
`;

export function pwshInit(opts: InitOptions): string {
  const parts = [
    '# govm shell integration for PowerShell: add this line to $PROFILE',
    '#   govm init pwsh | Out-String | Invoke-Expression',
    `$global:__govmDefaultHome = ${quotePwsh(opts.home)}`,
    "$env:GOVM_SHELL = 'pwsh'",
    `$env:GOVM_SHELL_MODE = '${opts.useOnCd ? 'use-on-cd' : 'shims'}'`,
    String.raw`$__govmShims = [IO.Path]::Combine($(if ($env:GOVM_HOME) { $env:GOVM_HOME } else { $global:__govmDefaultHome }), 'shims')
$__govmSep = [IO.Path]::PathSeparator
$env:PATH = (@($__govmShims) + @($env:PATH -split [regex]::Escape($__govmSep) | Where-Object { $_ -and $_ -ne $__govmShims })) -join $__govmSep
Remove-Variable __govmShims, __govmSep

function global:govm {
  $exe = Get-Command -CommandType Application, ExternalScript govm -ErrorAction Stop | Select-Object -First 1
  if ($args.Count -gt 1 -and $args[0] -ceq 'shell' -and -not ($args -contains '-h' -or $args -contains '--help')) {
    $rest = $args[1..($args.Count - 1)]
    $out = & $exe.Source shell --porcelain @rest
    if ($LASTEXITCODE -ne 0) { return }
    $out = "$out".Trim()
    if ($out -ceq 'unset') { Remove-Item Env:GOVM_GO_VERSION -ErrorAction SilentlyContinue }
    elseif ($out -cmatch '^set ([0-9a-z.]+)$') { $env:GOVM_GO_VERSION = $Matches[1] }
    else { [Console]::Error.WriteLine('govm: unexpected answer from govm shell; nothing changed'); return }
    if (Get-Command __govm_hook -ErrorAction SilentlyContinue) { __govm_hook }
    return
  }
  & $exe.Source @args
}
`,
  ];
  if (opts.useOnCd) parts.push(PWSH_RESOLVER, PWSH_HOOK);
  return `${parts.join('\n')}\n`;
}
