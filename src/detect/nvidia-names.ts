/** The name -> compute capability table lives with the other facts (src/data/nvidia-gpus.ts). */
export { computeCapabilityFromName } from '../data/nvidia-gpus.js';
