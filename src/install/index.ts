/** The install step's public API, for the action and the CLI. */
export { installAndVerify, inspectPython, preflightError, stateAfterFailure } from './install.js';
export { planMismatchError, type PlanSource } from './fit.js';
export { classifyFailure, explainFailure, isRetryable, retryDelayMs, type FailureClass, type FailureKind } from './failure.js';
export { expectedLabels, judge, type TorchReport, type Verdict } from './verify.js';
export type { Installer, InstallerChoice, InstallOutcome, InstallRequest, PythonInfo, Verification } from './types.js';
