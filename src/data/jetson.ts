/**
 * NVIDIA Jetson boards (Tegra SoCs with an integrated GPU, Linux for Tegra on
 * aarch64). PyTorch's aarch64 CUDA wheels are built for server Arm (sbsa) with
 * the standard CUDA toolkit; up to Orin, Jetson runs JetPack's own CUDA
 * libraries, so those wheels fail on it (at load or at the first kernel) even
 * when their architecture list covers the GPU (aarch64 cu126 has sm_80, which
 * "covers" Orin's 8.7). NVIDIA publishes JetPack builds of PyTorch instead.
 *
 * Sources: NVIDIA "CUDA GPU Compute Capability" (Jetson rows: TK1 3.2, Nano/TX1
 * 5.3, TX2 6.2, Xavier 7.2, Orin 8.7, Thor 11.0); pytorch/pytorch README ("NVIDIA
 * Jetson Platforms": wheels are provided by NVIDIA); bitsandbytes #1930/#1941 (an
 * sbsa wheel fails on Orin for toolchain, not architecture, reasons); conda-forge
 * pytorch-cpu-feedstock #303. Thor (11.0, JetPack 7, CUDA 13) is an sbsa device:
 * the aarch64 cu130/cu132 lists carry 11.0, so it is deliberately not listed here.
 */
import type { NvidiaGpu } from '../machine.js';

/** Where NVIDIA documents its PyTorch builds for Jetson (JetPack). */
export const JETSON_PYTORCH_URL = 'https://docs.nvidia.com/deeplearning/frameworks/install-pytorch-jetson-platform/index.html';

/** Compute capabilities that only Tegra (Jetson) GPUs have, with the boards that have them. */
export const TEGRA_CAPABILITIES: readonly { capability: string; boards: string }[] = [
  { capability: '3.2', boards: 'Jetson TK1' },
  { capability: '5.3', boards: 'Jetson Nano/TX1' },
  { capability: '6.2', boards: 'Jetson TX2' },
  { capability: '7.2', boards: 'Jetson Xavier' },
  { capability: '8.7', boards: 'Jetson Orin' },
];

/**
 * Names that say Jetson/Tegra when the capability is unknown (the device-tree
 * model: "NVIDIA Jetson AGX Orin Developer Kit", "Jetson-AGX"). Thor names are
 * excluded: Thor runs the sbsa builds.
 */
const TEGRA_NAME = /\bjetson\b|\btegra\b|\borin\b|\bxavier\b/i;
const SBSA_JETSON_NAME = /\bthor\b|\bT[45]000\b/i;

/** The Jetson family of a GPU that PyTorch's own wheels do not run on, or null. */
export function tegraBoard(gpu: NvidiaGpu): string | null {
  const cap = /^\s*(\d+)\.(\d+)\s*$/.exec(gpu.computeCapability ?? '');
  if (cap) {
    const key = `${Number(cap[1])}.${Number(cap[2])}`;
    return TEGRA_CAPABILITIES.find((t) => t.capability === key)?.boards ?? null;
  }
  if (TEGRA_NAME.test(gpu.name) && !SBSA_JETSON_NAME.test(gpu.name)) return 'Jetson';
  return null;
}
