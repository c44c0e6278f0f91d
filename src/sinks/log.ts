/**
 * The log sink: what the action prints to stdout, where the GitHub runner reads
 * workflow commands. The runner takes a line as a command when, after leading
 * whitespace, it starts with `::` (`::add-mask::`, `::stop-commands::`), and in
 * the legacy form wherever `##[` appears in it (`##[set-output name=x;]`). Lines
 * end at \n and at \r (the runner reads lines as .NET's ReadLine does).
 *
 * Every line torchcraft prints is neutralised here, whatever it holds: a zero
 * width space goes between the two colons and after `##`, so the text reads the
 * same and the runner sees no command. @actions/core escapes its own commands'
 * data (`%`, `\r`, `\n`) and properties (also `:` and `,`), so a message passed
 * to core.warning stays one command line; core.info escapes nothing, hence this.
 *
 * `core` below is @actions/core with every printing function routed through the
 * neutraliser: import it in place of '@actions/core' wherever the action prints.
 */
import * as actionsCore from '@actions/core';

const ZWSP = '\u200b';
/** Lines as the runner cuts them. */
const LINE_BREAK = /\r\n|\r|\n/;
/**
 * What the runner may trim before looking for `::`: .NET's whitespace, and, to be
 * safe, every control character (the set differs between .NET versions).
 */
const LEADING = /^[\s\u0000-\u001f\u007f-\u009f\u180e\u200b\u2060\ufeff]*/;

/** One line made inert: no `::` at its start, no `##[` anywhere. Linear in its length. */
export function neutraliseLine(line: string): string {
  let out = line.includes('##[') ? line.split('##[').join(`##${ZWSP}[`) : line;
  const lead = LEADING.exec(out)![0].length;
  if (out.startsWith('::', lead)) out = `${out.slice(0, lead + 1)}${ZWSP}${out.slice(lead + 1)}`;
  return out;
}

/** A message of any number of lines, each neutralised; line breaks become \n. */
export function neutralise(message: string): string {
  return message.split(LINE_BREAK).map(neutraliseLine).join('\n');
}

/**
 * GitHub shows at most 10 warning annotations per step: beyond that they are
 * dropped from the annotation list. The first few are annotations; the rest are
 * log lines, with one annotation saying so, so none is lost and the log stays bounded.
 */
const MAX_WARNING_ANNOTATIONS = 9;
let warningAnnotations = 0;
let overflowed = false;

function warning(message: string | Error, properties?: actionsCore.AnnotationProperties): void {
  const text = neutralise(message instanceof Error ? message.toString() : message);
  const props = properties?.title !== undefined ? { ...properties, title: neutralise(properties.title) } : properties;
  if (warningAnnotations < MAX_WARNING_ANNOTATIONS) {
    warningAnnotations++;
    actionsCore.warning(text, props);
    return;
  }
  if (!overflowed) {
    overflowed = true;
    actionsCore.warning('More warnings follow in the log and the job summary: GitHub shows only the first few as annotations.', { title: 'torchcraft' });
  }
  actionsCore.info(neutralise(`Warning${props?.title ? ` (${props.title})` : ''}: ${text}`));
}

/** For tests: start counting annotations afresh. */
export function resetAnnotationCount(): void {
  warningAnnotations = 0;
  overflowed = false;
}

function annotate(kind: 'error' | 'notice') {
  return (message: string | Error, properties?: actionsCore.AnnotationProperties): void => {
    const text = neutralise(message instanceof Error ? message.toString() : message);
    const props = properties?.title !== undefined ? { ...properties, title: neutralise(properties.title) } : properties;
    // Named, not actionsCore[kind]: a computed member makes the bundler keep the whole module.
    if (kind === 'error') actionsCore.error(text, props);
    else actionsCore.notice(text, props);
  };
}

/**
 * The parts of @actions/core the action uses, each named: spreading the whole
 * module in would keep all of it in the bundle, getIDToken's OIDC client with
 * @actions/http-client and undici among them (62 % of the bundle's bytes,
 * a third of its load time), in every run. Named, the bundler leaves out what
 * is not used. Add a member here when the action needs one.
 */
type Core = Pick<
  typeof actionsCore,
  | 'info'
  | 'debug'
  | 'warning'
  | 'error'
  | 'notice'
  | 'setFailed'
  | 'startGroup'
  | 'endGroup'
  | 'group'
  | 'getInput'
  | 'getState'
  | 'saveState'
  | 'setOutput'
  | 'setSecret'
  | 'exportVariable'
  | 'isDebug'
  | 'summary'
>;

/** @actions/core, with every function that prints going through the log sink. */
export const core: Core = {
  info: (message: string) => actionsCore.info(neutralise(message)),
  debug: (message: string) => actionsCore.debug(neutralise(message)),
  warning,
  error: annotate('error'),
  notice: annotate('notice'),
  setFailed: (message: string | Error) => {
    process.exitCode = actionsCore.ExitCode.Failure;
    annotate('error')(message);
  },
  startGroup: (name: string) => actionsCore.startGroup(neutralise(name)),
  endGroup: actionsCore.endGroup,
  group: <T>(name: string, fn: () => Promise<T>) => actionsCore.group(neutralise(name), fn),
  getInput: actionsCore.getInput,
  getState: actionsCore.getState,
  saveState: actionsCore.saveState,
  setOutput: actionsCore.setOutput,
  setSecret: actionsCore.setSecret,
  exportVariable: actionsCore.exportVariable,
  isDebug: actionsCore.isDebug,
  summary: actionsCore.summary,
};
