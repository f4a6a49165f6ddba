// fish integration: `govm init fish | source`.
//
// Puts the shims first on PATH, defines the `govm` function (so `govm shell`
// changes this shell), and with --use-on-cd puts the resolved GOROOT/bin in
// front of PATH, re-resolving on every PWD change and prompt with fish
// built-ins only (no subprocess). __govm_resolve is the fish twin of the sh
// resolver in integrations/shims/posix.ts and of domain/resolution.ts; the
// conformance table (test/conformance) holds all of them to the same answers.
import { quoteFish } from './shared.js';

export interface InitOptions {
  /** GOVM_HOME when the snippet was generated (used when GOVM_HOME is unset). */
  readonly home: string;
  readonly useOnCd: boolean;
}

/** Version-file rules in fish. Sets __govm_r_status (ok|missing|none|defer|error), __govm_r_name, __govm_r_msg. */
export const FISH_RESOLVER = String.raw`
function __govm_spec --description 'govm: check a plain version spec; print it without go prefix'
    string match -qr '^[0-9a-z.]+$' -- $argv[1]; or return 1
    set -l v (string replace -r '^go' '' -- $argv[1])
    string match -qr '^(latest|stable|oldstable|(0|[1-9][0-9]{0,8})(\.x|\.(0|[1-9][0-9]{0,8})(\.x|\.(0|[1-9][0-9]{0,8})|(alpha|beta|rc)(0|[1-9][0-9]{0,8}))?)?)$' -- $v; or return 1
    echo $v
end

function __govm_read_spec --description 'govm: the spec a version file names' --argument-names file kind
    # Prints "<exact|minimum> <spec>" for a file naming a version, nothing when it
    # names none; returns 2 with a message for a malformed file.
    read -lz text < $file
    set -l n 0
    set -l found
    set -l go
    set -l tc
    set -l block 0
    for raw in (string split \n -- $text)
        set n (math $n + 1)
        set raw (string replace -r '\r$' '' -- $raw)
        switch $kind
            case .go-version
                set -l v (string replace -r '#.*' '' -- $raw | string trim -c ' 	')
                test -n "$v"; or continue
                if test -n "$found"
                    echo "$file:$n: a second version (one version per file)"; return 2
                end
                set found (__govm_spec $v); or begin; echo "$file:$n: '$v' is not a version"; return 2; end
            case .tool-versions
                set -l body (string replace -r '#.*' '' -- $raw | string trim -c ' 	')
                set -l words (string split -n ' ' -- (string replace -a '	' ' ' -- $body))
                contains -- "$words[1]" golang go; or continue
                if not set -q words[2]
                    echo "$file:$n: '$words[1]' lists no version"; return 2
                end
                set -l v (__govm_spec $words[2]); or begin; echo "$file:$n: '$words[2]' is not a version"; return 2; end
                echo exact $v; return 0
            case '*'
                set -l body (string replace -r '//.*' '' -- $raw | string trim -c ' 	')
                if test $block = 1
                    string match -q ')*' -- $body; and set block 0
                    continue
                end
                if string match -q '*(' -- $body
                    set block 1; continue
                end
                set -l m (string match -r '^(go|toolchain)[ 	]+(.*)$' -- $body); or continue
                if string match -qr '[ 	]' -- $m[3]
                    echo "$file:$n: '$m[2]' takes one version"; return 2
                end
                if test $m[2] = go
                    test -n "$go"; and continue
                    string match -qr '^(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})(\.(0|[1-9][0-9]{0,8})|(rc|beta)(0|[1-9][0-9]{0,8}))?$' -- $m[3]
                    or begin; echo "$file:$n: 'go' needs a Go version such as 1.21 or 1.21.3"; return 2; end
                    set go $m[3]
                else
                    test -n "$tc"; and continue
                    if test "$m[3]" = default
                        set tc default; continue
                    end
                    string match -q 'go*' -- $m[3]; or begin; echo "$file:$n: toolchain must be 'default' or goX.Y.Z"; return 2; end
                    set tc (__govm_spec $m[3]); or begin; echo "$file:$n: '$m[3]' is not a version"; return 2; end
                end
        end
    end
    if test -n "$found"
        echo exact $found
    else if test -n "$tc" -a "$tc" != default
        echo exact $tc
    else if test -n "$go"
        echo minimum $go
    end
    return 0
end

function __govm_pick --description 'govm: newest installed version a spec accepts' --argument-names home kind spec
    set -l exact
    set -l alt
    set -l wmaj
    set -l wmin
    set -l floor 0
    if test $kind = minimum
        set -l p (string split . -- (string replace -r '(rc|beta)[0-9]+$' '' -- $spec))
        set wmaj $p[1]; set wmin $p[2]
        set -q p[3]; and set floor $p[3]
    else if contains -- $spec latest stable
    else if test $spec = oldstable
        return 3
    else if string match -qr '^[0-9]+(\.x)?$' -- $spec
        set wmaj (string replace '.x' '' -- $spec)
    else if string match -qr '^[0-9]+\.[0-9]+(\.x)?$' -- $spec
        set -l p (string split . -- $spec)
        set wmaj $p[1]; set wmin $p[2]
    else
        set exact $spec
        set -l p (string split . -- $spec)
        if test (count $p) = 3 -a "$p[3]" = 0; and test $p[1] -lt 1 -o \( $p[1] = 1 -a $p[2] -lt 21 \)
            set alt $p[1].$p[2]
        end
    end
    set -l best
    set -l b 0 0 0
    for d in $home/versions/*
        set -l n (string replace -r '.*/' '' -- $d)
        if test -n "$exact"
            if test "$n" = "$exact" -o "$n" = "$alt"
                echo $n; return 0
            end
            continue
        end
        string match -qr '^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?$' -- $n; or continue
        set -l p (string split . -- $n)
        if not set -q p[3]
            # a bare 1.X is a release only before 1.21 (later it is a language version)
            test $p[1] -lt 1 -o \( $p[1] = 1 -a $p[2] -lt 21 \); or continue
            set p[3] 0
        end
        test -n "$wmaj" -a "$p[1]" != "$wmaj"; and continue
        test -n "$wmin" -a "$p[2]" != "$wmin"; and continue
        test $p[3] -lt $floor; and continue
        if test -z "$best"; or test $p[1] -gt $b[1]; or test $p[1] = $b[1] -a $p[2] -gt $b[2]; or test $p[1] = $b[1] -a $p[2] = $b[2] -a $p[3] -gt $b[3]
            set best $n; set b $p
        end
    end
    test -n "$best"; and echo $best
end

function __govm_resolve --description 'govm: which installed Go this folder wants'
    set -g __govm_r_status none
    set -g __govm_r_name
    set -g __govm_r_msg
    set -l home $GOVM_HOME
    test -n "$home"; or set home $__govm_default_home
    set -l req
    if test -n "$GOVM_GO_VERSION"
        set -l v (string trim -- $GOVM_GO_VERSION)
        set req exact (__govm_spec $v); or begin
            set -g __govm_r_status error; set -g __govm_r_msg "GOVM_GO_VERSION: '$v' is not a version"; return
        end
    else
        set -l d $PWD
        while test -z "$req"
            for f in .go-version .tool-versions go.work go.mod
                set -l file $d/$f
                test "$d" = /; and set file /$f
                test -f $file; or continue
                set req (__govm_read_spec $file $f)
                if test $status = 2
                    set -g __govm_r_status error; set -g __govm_r_msg $req; return
                end
                test -n "$req"; and break
            end
            test -n "$req" -o "$d" = /; and break
            set d (string replace -r '/[^/]*$' '' -- $d)
            test -n "$d"; or set d /
        end
        if test -z "$req"; and test -f $home/version
            set req (__govm_read_spec $home/version .go-version)
            if test $status = 2
                set -g __govm_r_status error; set -g __govm_r_msg $req; return
            end
        end
    end
    test -n "$req"; or return
    set -l req (string split ' ' -- $req)
    set -g __govm_r_name (__govm_pick $home $req[1] $req[2])
    if test $status = 3
        set -g __govm_r_status defer
    else if test -n "$__govm_r_name"
        set -g __govm_r_status ok
        set -g __govm_r_root $home/versions/$__govm_r_name
    else
        set -g __govm_r_status missing
    end
end
`;

const FISH_HOOK = String.raw`
set -g __govm_active ''
set -g __govm_lasterr ''
set -g __govm_fp ''
# What decides the answer: GOVM_GO_VERSION, every version file on the way up,
# the global file and the versions folder, with their mtimes. Sets
# __govm_fp_newest to the newest of those mtimes.
function __govm_fingerprint --argument-names home
    # Every folder from PWD up to /, built without a command substitution per level.
    set -l dirs ''
    set -l acc ''
    for p in (string split -n / -- $PWD)
        set acc $acc/$p
        set -p dirs $acc
    end
    set -l files
    for d in $dirs
        for f in .go-version .tool-versions go.work go.mod
            test -f $d/$f; and set -a files $d/$f
        end
    end
    set -a files $home/version $home/versions
    set -l m (path mtime -- $files 2>/dev/null)
    set -g __govm_fp_newest 0
    for x in $m
        test $x -gt $__govm_fp_newest; and set -g __govm_fp_newest $x
    end
    echo "$GOVM_GO_VERSION|$files|$m"
end
function __govm_hook --description 'govm: keep the resolved GOROOT/bin first on PATH' --on-variable PWD --on-variable GOVM_GO_VERSION --on-event fish_prompt
    set -l home $GOVM_HOME
    test -n "$home"; or set home $__govm_default_home
    set -l fp (__govm_fingerprint $home)
    # Nothing that decides the answer changed since the last prompt: done.
    test "$fp" = "$__govm_fp"; and return
    set -g __govm_fp ''
    __govm_resolve
    # mtimes have 1 s steps: remember the answer only when every input is older
    # than this second (a stamp written now tells the time without a subprocess).
    set -l stamp $home/tmp/hook-$fish_pid
    if test -d $home/tmp; and echo -n >$stamp
        set -l now (path mtime -- $stamp)
        test -n "$now"; and test $now -gt $__govm_fp_newest; and set -g __govm_fp $fp
    end
    set -l want ''
    test $__govm_r_status = ok; and set want $__govm_r_root/bin
    set -l err
    test $__govm_r_status = error; and set err $__govm_r_msg
    # Nothing changed since the last prompt: the usual case, and the cheapest.
    test "$want" = "$__govm_active" -a "$err" = "$__govm_lasterr"; and return
    set -g __govm_lasterr $err
    test -n "$err"; and echo "govm: $err" >&2
    test "$want" = "$__govm_active"; and return
    set -l p
    for e in $PATH
        test "$e" = "$__govm_active"; or set -a p $e
    end
    if test -n "$want"
        set -gx PATH $want $p
        set -gx GOROOT $__govm_r_root
    else
        set -gx PATH $p
        test -n "$__govm_active"; and test "$GOROOT/bin" = "$__govm_active"; and set -e GOROOT
    end
    set -g __govm_active $want
end
set -q GOTOOLCHAIN; or set -gx GOTOOLCHAIN local
__govm_hook
`;

export function fishInit(opts: InitOptions): string {
  const shims = `${opts.home}/shims`;
  const parts = [
    '# govm shell integration for fish: add `govm init fish | source` to ~/.config/fish/config.fish',
    `set -g __govm_default_home ${quoteFish(opts.home)}`,
    'set -gx GOVM_SHELL fish',
    `set -gx GOVM_SHELL_MODE ${opts.useOnCd ? 'use-on-cd' : 'shims'}`,
    `set -l __govm_shims (test -n "$GOVM_HOME"; and echo $GOVM_HOME/shims; or echo ${quoteFish(shims)})`,
    'set -l __govm_p',
    'for e in $PATH',
    '    test "$e" = "$__govm_shims"; or set -a __govm_p $e',
    'end',
    'set -gx PATH $__govm_shims $__govm_p',
    String.raw`
function govm --description 'govm: Go toolchain manager (shell function: govm shell changes this shell)'
    if test "$argv[1]" = shell -a (count $argv) -gt 1; and not contains -- -h $argv; and not contains -- --help $argv
        set -l out (command govm shell --porcelain $argv[2..-1]); or return
        if test "$out" = unset
            set -e GOVM_GO_VERSION
        else if string match -qr '^set [0-9a-z.]+$' -- "$out"
            set -gx GOVM_GO_VERSION (string sub -s 5 -- $out)
        else
            echo 'govm: unexpected answer from govm shell; nothing changed' >&2
            return 1
        end
        functions -q __govm_hook; and __govm_hook
        return 0
    end
    command govm $argv
end
`,
  ];
  if (opts.useOnCd) parts.push(FISH_RESOLVER, FISH_HOOK);
  return `${parts.join('\n')}\n`;
}
