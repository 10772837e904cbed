/**
 * Shell completion scripts for bash, zsh and fish, written from the command tree itself, so that
 * every option, command and choice the CLI has is completed and none it lacks.
 */
import type { Command, Option } from "commander";

export const SHELLS = ["bash", "zsh", "fish"] as const;
export type Shell = (typeof SHELLS)[number];

/** What an option's value or a command's arguments complete to. */
interface Values {
  /** Words to offer (a format's choices, the presets). */
  words: string[];
  /** Offer files too. */
  files: boolean;
}

interface OptionSpec {
  short?: string;
  long?: string;
  description: string;
  /** Absent for a flag that takes no value. */
  value?: Values;
  repeatable: boolean;
}

interface CommandSpec {
  name: string;
  description: string;
  options: OptionSpec[];
  /** What its arguments complete to; absent when it takes none. */
  args?: Values;
  commands: CommandSpec[];
}

/** Option values that are words the CLI knows but commander does not list as choices (preset names). */
export type ValueWords = Readonly<Record<string, readonly string[]>>;

/** Arguments whose values are words (the shell of "completion"), by command name. */
export type ArgumentWords = Readonly<Record<string, readonly string[]>>;

function firstSentence(text: string): string {
  const cut = text.split(/[;(]/)[0]!.trim();
  return cut.length > 70 ? `${cut.slice(0, 67)}...` : cut;
}

function optionSpec(o: Option, words: ValueWords): OptionSpec {
  const takesValue = o.required || o.optional;
  const placeholder = /<([^>]+)>/.exec(o.flags)?.[1] ?? "";
  const known = [...(o.argChoices ?? []), ...(words[o.long ?? ""] ?? [])];
  return {
    ...(o.short !== undefined && { short: o.short }),
    ...(o.long !== undefined && { long: o.long }),
    description: firstSentence(o.description),
    ...(takesValue && { value: { words: known, files: /file|path/.test(placeholder) } }),
    repeatable: /repeatable/.test(o.description),
  };
}

/** The command tree as completion needs it: options (with help), commands, arguments. */
export function completionSpec(program: Command, words: ValueWords = {}, argumentWords: ArgumentWords = {}): CommandSpec {
  const spec = (c: Command, root: boolean): CommandSpec => {
    const options = [...c.options.filter((o) => !o.hidden).map((o) => optionSpec(o, words)), { short: "-h", long: "--help", description: "display help", repeatable: false }];
    const registered = c.registeredArguments;
    const argWords = argumentWords[c.name()];
    return {
      name: c.name(),
      description: firstSentence(c.description()),
      options,
      ...(registered.length > 0 && { args: { words: [...(argWords ?? [])], files: root } }),
      commands: root ? c.commands.map((sub) => spec(sub, false)) : [],
    };
  };
  return spec(program, true);
}

export function completionScript(shell: Shell, spec: CommandSpec): string {
  return shell === "bash" ? bashScript(spec) : shell === "zsh" ? zshScript(spec) : fishScript(spec);
}

const flagsOf = (o: OptionSpec) => [o.short, o.long].filter((f): f is string => f !== undefined);
/** A word list as a shell word: the words are the CLI's own (choices, names), plain ASCII. */
const plain = (words: readonly string[]) => words.filter((w) => /^[\w.%+-]+$/.test(w)).join(" ");

function bashScript(root: CommandSpec): string {
  const name = root.name;
  const fn = `_${name.replace(/\W/g, "_")}`;
  const valueCases = (c: CommandSpec) =>
    c.options
      .filter((o) => o.value !== undefined)
      .map((o) => {
        const v = o.value!;
        const reply = [v.words.length > 0 ? `$(compgen -W "${plain(v.words)}" -- "$cur")` : "", v.files ? `$(compgen -f -- "$cur")` : ""].filter(Boolean).join(" ");
        return `      ${flagsOf(o).join("|")}) COMPREPLY=(${reply}); return ;;`;
      })
      .join("\n");
  const branch = (c: CommandSpec, root: boolean) => {
    const opts = c.options.flatMap(flagsOf).join(" ");
    const words = [...(root ? c.commands.map((s) => s.name) : []), ...(c.args?.words ?? [])];
    return [
      `    case "$prev" in`,
      valueCases(c),
      `    esac`,
      `    if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "${opts}" -- "$cur")); return; fi`,
      ...(words.length > 0 ? [`    ${root ? "[[ $COMP_CWORD -eq 1 ]] && " : ""}COMPREPLY=($(compgen -W "${plain(words)}" -- "$cur"))`] : []),
      ...(c.args?.files === true ? [`    COMPREPLY+=($(compgen -f -- "$cur"))`] : []),
    ]
      .filter((l) => l !== "")
      .join("\n");
  };
  return [
    `# ${name} completion for bash. Load it in this shell:  source <(${name} completion bash)`,
    `# or for every shell:  ${name} completion bash > ~/.local/share/bash-completion/completions/${name}`,
    `${fn}() {`,
    `  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"`,
    `  COMPREPLY=()`,
    `  case "\${COMP_WORDS[1]}" in`,
    ...root.commands.map((c) => [`  ${c.name})`, branch(c, false), `    ;;`].join("\n")),
    `  *)`,
    branch(root, true),
    `    ;;`,
    `  esac`,
    `}`,
    `complete -o filenames -o bashdefault -F ${fn} ${name}`,
    ``,
  ].join("\n");
}

/** Text inside a zsh single-quoted _arguments description: brackets and backslashes escaped, quotes closed and reopened. */
const zshText = (text: string) => text.replace(/([[\]\\])/g, "\\$1").replace(/'/g, `'\\''`);

function zshScript(root: CommandSpec): string {
  const name = root.name;
  const optionSpecs = (c: CommandSpec) =>
    c.options.map((o) => {
      const flags = flagsOf(o);
      // Every word quoted: an unquoted * would be a glob to zsh.
      const exclusive = flags.length > 1 ? `'(${flags.join(" ")})'` : "";
      const star = o.repeatable ? "*" : "";
      const names = flags.length > 1 ? `${star === "" ? "" : `'*'`}{${flags.join(",")}}'` : `'${star}${flags[0]!}`;
      let value = "";
      if (o.value !== undefined) {
        const v = o.value;
        const action = v.words.length > 0 && v.files ? `{_files; compadd -- ${plain(v.words)}}` : v.words.length > 0 ? `(${plain(v.words)})` : v.files ? "_files" : " ";
        value = `:${zshText(o.value.words.length > 0 || v.files ? "value" : "text")}:${action}`;
      }
      return `    ${exclusive}${names}[${zshText(o.description)}]${value}'`;
    });
  const argsSpec = (c: CommandSpec) => {
    if (c.args === undefined) return [];
    if (c.args.words.length > 0) return [`    '1:argument:(${plain(c.args.words)})'`];
    return [c.args.files ? `    '*:file:_files'` : `    '*:argument: '`];
  };
  return [
    `#compdef ${name}`,
    `# ${name} completion for zsh. Load it in this shell:  source <(${name} completion zsh)`,
    `# or put it on $fpath as _${name}:  ${name} completion zsh > "\${fpath[1]}/_${name}"`,
    `_${name}() {`,
    `  if (( CURRENT > 2 )); then`,
    `    case \${words[2]} in`,
    ...root.commands.map((c) =>
      [`    ${c.name})`, `      shift words; (( CURRENT-- ))`, `      _arguments -s \\`, [...optionSpecs(c), ...argsSpec(c)].map((l) => `  ${l}`).join(" \\\n"), `      return ;;`].join("\n"),
    ),
    `    esac`,
    `  fi`,
    `  local -a commands`,
    `  commands=(${root.commands.map((c) => `'${zshText(c.name)}:${zshText(c.description)}'`).join(" ")})`,
    `  _arguments -s -C \\`,
    [...optionSpecs(root), `    '1: :->first'`, `    '*:file:_files'`].join(" \\\n"),
    `  if [[ $state == first ]]; then _describe -t commands command commands; _files; fi`,
    `}`,
    `if [[ $zsh_eval_context[-1] == loadautofunc ]]; then _${name} "$@"; else compdef _${name} ${name}; fi`,
    ``,
  ].join("\n");
}

/** Text inside fish single quotes. */
const fishText = (text: string) => text.replace(/\\/g, "\\\\").replace(/'/g, "\\'");

function fishScript(root: CommandSpec): string {
  const name = root.name;
  const subs = root.commands.map((c) => c.name).join(" ");
  const lines = [
    `# ${name} completion for fish. Load it in this shell:  ${name} completion fish | source`,
    `# or for every shell:  ${name} completion fish > ~/.config/fish/completions/${name}.fish`,
    `complete -c ${name} -e`,
  ];
  const option = (condition: string, o: OptionSpec) => {
    const parts = [`complete -c ${name} -n '${condition}'`];
    if (o.short !== undefined) parts.push(`-s ${o.short.replace(/^-/, "")}`);
    if (o.long !== undefined) parts.push(`-l ${o.long.replace(/^--/, "")}`);
    if (o.value !== undefined) {
      parts.push(o.value.files ? "-r -F" : "-x");
      if (o.value.words.length > 0) parts.push(`-a '${fishText(plain(o.value.words))}'`);
    }
    parts.push(`-d '${fishText(o.description)}'`);
    return parts.join(" ");
  };
  const atRoot = `not __fish_seen_subcommand_from ${subs}`;
  for (const c of root.commands) lines.push(`complete -c ${name} -n '__fish_use_subcommand' -f -a ${c.name} -d '${fishText(c.description)}'`);
  for (const o of root.options) lines.push(option(atRoot, o));
  for (const c of root.commands) {
    const within = `__fish_seen_subcommand_from ${c.name}`;
    // A command's arguments are no files unless it reads them.
    lines.push(`complete -c ${name} -n '${within}' -f${c.args !== undefined && c.args.words.length > 0 ? ` -a '${fishText(plain(c.args.words))}'` : ""}`);
    for (const o of c.options) lines.push(option(within, o));
  }
  lines.push("");
  return lines.join("\n");
}
