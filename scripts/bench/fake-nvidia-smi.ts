/**
 * A stand-in `nvidia-smi` for a machine with N H100s on driver 580 (CUDA 13.0),
 * answering in the formats the real tool prints (shared/reference/tool-outputs.md).
 * The benchmark puts it first on PATH to time the action's GPU path on a machine
 * that has no GPU. A POSIX shell script, so it costs what a small program costs
 * to start, as the real one does (less its driver initialisation), and starts
 * no programs of its own (builtins only), so an execve count sees only the action's.
 */

export interface FakeGpu {
  name: string;
  driver: string;
  cuda: string;
  computeCap: string;
  memoryMiB: number;
}

export const H100: FakeGpu = {
  name: 'NVIDIA H100 80GB HBM3',
  driver: '580.65.06',
  cuda: '13.0',
  computeCap: '9.0',
  memoryMiB: 81559,
};

/** The script's text (sh), for `count` copies of `gpu`. */
export function fakeNvidiaSmiScript(count = 8, gpu: FakeGpu = H100): string {
  const rows: string[] = [];
  for (let i = 0; i < count; i++) {
    const bus = `00000000:${(0x18 + i * 0x10).toString(16).toUpperCase().padStart(2, '0')}:00.0`;
    rows.push(
      `|   ${i}  ${gpu.name.padEnd(30)}On  |   ${bus} Off |                    0 |`,
      `| N/A   32C    P0             70W /  700W |       0MiB /  ${gpu.memoryMiB}MiB |      0%      Default |`,
    );
  }
  const rule = '+-----------------------------------------+------------------------+----------------------+';
  const plain = [
    '+-----------------------------------------------------------------------------------------+',
    `| NVIDIA-SMI ${gpu.driver}              Driver Version: ${gpu.driver}      CUDA Version: ${gpu.cuda}     |`,
    '|-----------------------------------------+------------------------+----------------------+',
    '| GPU  Name                 Persistence-M | Bus-Id          Disp.A | Volatile Uncorr. ECC |',
    '| Fan  Temp   Perf          Pwr:Usage/Cap |           Memory-Usage | GPU-Util  Compute M. |',
    '|=========================================+========================+======================|',
    ...rows,
    rule,
  ];
  return `#!/bin/sh
# Fake nvidia-smi: ${count} x ${gpu.name}, driver ${gpu.driver}, CUDA ${gpu.cuda} (written by npm run bench).
query=""; format=""; mode=plain
for a in "$@"; do
  case "$a" in
    --query-gpu=*) query="\${a#--query-gpu=}"; mode=query ;;
    --format=*) format="\${a#--format=}" ;;
    -L|--list-gpus) mode=list ;;
    --version) mode=version ;;
    -q|--query) mode=q ;;
  esac
done
case "$mode" in
  query)
    header=""; units=" MiB"
    case ",$format," in *,nounits,*) units="" ;; esac
    IFS=','
    for f in $query; do
      case "$f" in
        index|name|driver_version|compute_cap|count|uuid|pci.bus_id) h="$f" ;;
        memory.total) h="memory.total [MiB]" ;;
        *) echo "Field \\"$f\\" is not a valid field to query." >&2; exit 2 ;;
      esac
      header="\${header:+$header, }$h"
    done
    case ",$format," in *,noheader,*) ;; *) echo "$header" ;; esac
    i=0
    while [ $i -lt ${count} ]; do
      line=""
      for f in $query; do
        case "$f" in
          index) v=$i ;;
          name) v="${gpu.name}" ;;
          driver_version) v="${gpu.driver}" ;;
          compute_cap) v="${gpu.computeCap}" ;;
          count) v=${count} ;;
          uuid) v="GPU-00000000-0000-0000-0000-00000000000$i" ;;
          pci.bus_id) v="00000000:$((18 + i * 10)):00.0" ;;
          memory.total) v="${gpu.memoryMiB}$units" ;;
        esac
        line="\${line:+$line, }$v"
      done
      echo "$line"
      i=$((i + 1))
    done
    ;;
  list)
    i=0
    while [ $i -lt ${count} ]; do
      echo "GPU $i: ${gpu.name} (UUID: GPU-00000000-0000-0000-0000-00000000000$i)"
      i=$((i + 1))
    done
    ;;
  version)
    echo "NVIDIA-SMI version  : ${gpu.driver}"
    echo "NVML version        : ${gpu.driver.split('.')[0]}.65"
    echo "DRIVER version      : ${gpu.driver}"
    echo "CUDA Version        : ${gpu.cuda}"
    ;;
  q)
    echo "==============NVSMI LOG=============="
    echo "Driver Version                            : ${gpu.driver}"
    echo "CUDA Version                              : ${gpu.cuda}"
    echo "Attached GPUs                             : ${count}"
    ;;
  *)
${plain.map((l) => `    echo '${l}'`).join('\n')}
    ;;
esac
`;
}
