/**
 * PEP 503 normalisation: lower case, every run of `-`, `_` and `.` becomes one `-`.
 * `Torch_Vision` is `torch-vision` (a different project from `torchvision`).
 * One rule for the requirements reader and the planner, which both compare names.
 */
export function normalizeName(name: string): string {
  return name.trim().replace(/[-_.]+/g, '-').toLowerCase();
}
