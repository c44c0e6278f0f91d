/**
 * Small stand-ins for GPU tools, printing what the real ones print (formats in
 * shared/reference/tool-outputs.md). Written as node scripts so one fake can
 * answer any --query-gpu field list the way nvidia-smi does.
 */
export interface FakeNvidiaGpu {
  name: string;
  computeCapability: string;
  memoryMiB?: number;
}

export interface FakeNvidiaSmi {
  driver: string;
  cuda: string;
  gpus: FakeNvidiaGpu[];
  /** Drivers before R510 reject the compute_cap field: the whole query fails with exit 2. */
  rejectsComputeCap?: boolean;
  /** Never answer (a hung driver). */
  hang?: boolean;
  /** Print this and exit with that code instead (exit 9: driver not loaded). */
  fail?: { message: string; exitCode: number };
}

export function fakeNvidiaSmi(spec: FakeNvidiaSmi): string {
  return `#!${process.execPath}
const spec = ${JSON.stringify(spec)};
const args = process.argv.slice(2);
if (spec.hang) setInterval(() => {}, 1000);
else if (spec.fail) { console.log(spec.fail.message); process.exit(spec.fail.exitCode); }
else main();
function main() {
  const query = args.find((a) => a.startsWith('--query-gpu='));
  const format = args.find((a) => a.startsWith('--format=')) || '';
  if (query) {
    const fields = query.slice('--query-gpu='.length).split(',');
    if (spec.rejectsComputeCap && fields.includes('compute_cap')) {
      console.log('Field "compute_cap" is not a valid field to query.');
      console.log('');
      process.exit(2);
    }
    const noheader = format.includes('noheader');
    const nounits = format.includes('nounits');
    const header = { index: 'index', name: 'name', driver_version: 'driver_version', compute_cap: 'compute_cap', 'memory.total': 'memory.total [MiB]', uuid: 'uuid', pci_bus_id: 'pci.bus_id' };
    if (!noheader) console.log(fields.map((f) => header[f] || f).join(', '));
    spec.gpus.forEach((g, i) => {
      const value = { index: String(i), name: g.name, driver_version: spec.driver, compute_cap: g.computeCapability,
        'memory.total': (g.memoryMiB || 81559) + (nounits ? '' : ' MiB'), uuid: 'GPU-' + String(i).padStart(8, '0') + '-0000-0000-0000-000000000000',
        pci_bus_id: '00000000:' + String(i + 7).padStart(2, '0') + ':00.0' };
      console.log(fields.map((f) => (f in value ? value[f] : '[N/A]')).join(', '));
    });
    return;
  }
  if (args.includes('-L')) {
    spec.gpus.forEach((g, i) => console.log('GPU ' + i + ': ' + g.name + ' (UUID: GPU-' + String(i).padStart(8, '0') + '-0000-0000-0000-000000000000)'));
    return;
  }
  if (args.includes('--version')) {
    console.log('NVIDIA-SMI version  : ' + spec.driver);
    console.log('NVML version        : ' + spec.driver.split('.')[0]);
    console.log('DRIVER version      : ' + spec.driver);
    console.log('CUDA Version        : ' + spec.cuda);
    return;
  }
  const pad = (s, n) => (s + ' '.repeat(n)).slice(0, n);
  console.log('Thu Nov 26 13:05:12 2026');
  console.log('+-----------------------------------------------------------------------------------------+');
  console.log('| ' + pad('NVIDIA-SMI ' + spec.driver, 34) + pad('Driver Version: ' + spec.driver, 31) + pad('CUDA Version: ' + spec.cuda, 22) + '|');
  console.log('|-----------------------------------------+------------------------+----------------------+');
  console.log('| GPU  Name                 Persistence-M | Bus-Id          Disp.A | Volatile Uncorr. ECC |');
  console.log('| Fan  Temp   Perf          Pwr:Usage/Cap |           Memory-Usage | GPU-Util  Compute M. |');
  console.log('|=========================================+========================+======================|');
  spec.gpus.forEach((g, i) => {
    console.log('| ' + pad('  ' + i + '  ' + g.name, 35) + '  On  |   00000000:' + String(i + 7).padStart(2, '0') + ':00.0 Off |                    0 |');
    console.log('| N/A   32C    P0             62W /  400W |       0MiB /  81920MiB |      0%      Default |');
    console.log('+-----------------------------------------+------------------------+----------------------+');
  });
}
`;
}

/** rocminfo: a CPU agent, then one block per GPU. */
export function fakeRocminfo(gpus: { gfx: string; marketingName: string }[]): string {
  const blocks = [
    '*******\nAgent 1\n*******\n  Name:                    AMD EPYC 9454 48-Core Processor\n  Marketing Name:          AMD EPYC 9454 48-Core Processor\n  Vendor Name:             CPU\n  Device Type:             CPU',
    ...gpus.map(
      (g, i) =>
        `*******\nAgent ${i + 2}\n*******\n  Name:                    ${g.gfx}\n  Uuid:                    GPU-3b7a2c1d0e9f8a7${i}\n  Marketing Name:          ${g.marketingName}\n  Vendor Name:             AMD\n  Feature:                 KERNEL_DISPATCH\n  Device Type:             GPU\n  ISA Info:\n    ISA 1\n      Name:                    amdgcn-amd-amdhsa--${g.gfx}:sramecc+:xnack-`,
    ),
  ];
  const text = `ROCk module is loaded\n=====================\nHSA System Attributes\n=====================\nRuntime Version:         1.1\n\n==========\nHSA Agents\n==========\n${blocks.join('\n')}\n*** Done ***\n`;
  return `#!/bin/sh\ncat <<'EOF'\n${text}EOF\n`;
}
