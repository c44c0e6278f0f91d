/**
 * The action's Log: @actions/core, so warnings become annotations and long output
 * folds into groups, through the log sink, so no line of outside text is a workflow command.
 */
import { core } from '../sinks/log.js';
import type { Log } from '../log.js';

export const coreLog: Log = {
  info: (message) => core.info(message),
  warning: (message) => core.warning(message),
  debug: (message) => core.debug(message),
  group: (title, body) => core.group(title, body),
};
