/** The action's Log: @actions/core, so warnings become annotations and long output folds into groups. */
import * as core from '@actions/core';
import type { Log } from '../log.js';

export const coreLog: Log = {
  info: (message) => core.info(message),
  warning: (message) => core.warning(message),
  debug: (message) => core.debug(message),
  group: (title, body) => core.group(title, body),
};
