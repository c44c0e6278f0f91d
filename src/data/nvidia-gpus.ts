/**
 * Compute capability from an NVIDIA GPU's marketing name, for drivers too old
 * to answer the `compute_cap` query (before R510) and for containers that only
 * show /proc/driver/nvidia/gpus/<bus>/information.
 *
 * Source: NVIDIA, "CUDA GPU Compute Capability" https://developer.nvidia.com/cuda-gpus
 * and "Legacy CUDA GPU Compute Capability" https://developer.nvidia.com/cuda-legacy-gpus
 * (checked: GB10 12.1, RTX PRO Blackwell 12.0, Jetson T5000/T4000 11.0, B300/GB300 10.3,
 * B200/GB200 10.0, Jetson Orin 8.7, Jetson Xavier 7.2, TITAN X (Pascal)/Xp 6.1 but
 * GTX TITAN X 5.2, Quadro GP100 6.0).
 *
 * Rows are tried in order, the most specific first: "RTX PRO 6000 Blackwell",
 * "RTX 6000 Ada", "RTX A6000" and "Quadro RTX 6000" are four generations.
 */
const TABLE: readonly (readonly [RegExp, string])[] = [
  // Blackwell
  [/\bGB10\b/, '12.1'],
  [/\bRTX PRO \d{4}\b.*\bBLACKWELL\b/, '12.0'],
  [/\bRTX 50[5-9]0\b/, '12.0'],
  [/\bJETSON T[45]000\b|\bTHOR\b/, '11.0'],
  [/\bG?B300\b/, '10.3'],
  [/\bG?B[12]00\b/, '10.0'],
  // Hopper
  [/\bGH200\b|\bH(?:100|200|800|20)\b/, '9.0'],
  // Ada
  [/\bRTX \d{4}(?: SFF)? ADA\b/, '8.9'],
  [/\bRTX 40[5-9]0\b/, '8.9'],
  [/\bL(?:4|40S?|20)\b/, '8.9'],
  // Jetson Orin (Ampere, 8.7)
  [/\bORIN\b/, '8.7'],
  // Ampere
  [/\bA(?:100|800|30)\b/, '8.0'],
  [/\bRTX A\d{3,4}\b/, '8.6'],
  [/\bRTX 30[5-9]0\b/, '8.6'],
  [/\bA(?:10G?|16|40|2)\b/, '8.6'],
  // Jetson Xavier (Volta, 7.2)
  [/\bXAVIER\b/, '7.2'],
  // Turing
  [/\bTITAN RTX\b/, '7.5'],
  [/\bQUADRO RTX \d{4}\b/, '7.5'],
  [/\bRTX 20[6-8]0\b/, '7.5'],
  [/\bGTX 16[3-6]0\b/, '7.5'],
  [/\bT4\b/, '7.5'],
  [/\bT(?:400|600|1000|1200|2000)\b/, '7.5'],
  // Volta
  [/\bV100S?\b|\bTITAN V\b|\bGV100\b/, '7.0'],
  // Pascal
  [/\bP100\b|\bGP100\b/, '6.0'],
  [/\bTX2\b/, '6.2'],
  [/\bTITAN XP\b|\bTITAN X \(PASCAL\)/, '6.1'],
  [/\bGTX TITAN X\b/, '5.2'],
  [/\bP(?:4|6|40)\b|\bGTX 10[5-8]0\b|\bQUADRO P\d{3,4}\b/, '6.1'],
  // Maxwell
  [/\bJETSON NANO\b/, '5.3'],
  [/\bM(?:4|6|40|60)\b|\bGTX 9[5-8]0\b|\bQUADRO M\d{4}\b/, '5.2'],
  [/\bM10\b|\bGTX 750\b/, '5.0'],
  [/\bGTX 9[5-8]0M\b/, '5.2'],
  [/\bGTX 745\b/, '5.0'],
  // Pascal, small
  [/\bGT 1030\b|\bMX[1-3]50\b/, '6.1'],
  // Kepler (suffixes: K40m, K40c, K20Xm, K20c): the Tesla names nvidia-smi prints
  [/\bK80\b/, '3.7'],
  [/\bK(?:20X?|40)[CMST]?\b/, '3.5'],
  [/\bK10\b/, '3.0'],
  [/\bGTX TITAN(?: BLACK| Z)?$|\bGTX 780(?: TI)?\b/, '3.5'],
  [/\bGTX 6[5-9]0(?: TI)?\b|\bGTX 7[67]0\b/, '3.0'],
  [/\bQUADRO K6000\b/, '3.5'],
];

/** "8.6" for "NVIDIA GeForce RTX 3090"; undefined when the name is not in the table. */
export function computeCapabilityFromName(name: string): string | undefined {
  // Names are short; a long string is not a GPU name and is not worth matching.
  if (name.length > 200) return undefined;
  const normal = name.toUpperCase().replace(/\s+/g, ' ').trim();
  if (normal === '') return undefined;
  for (const [pattern, capability] of TABLE) if (pattern.test(normal)) return capability;
  return undefined;
}
