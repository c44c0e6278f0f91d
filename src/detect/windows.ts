/**
 * Windows video controllers through PowerShell's CIM query: Intel and AMD GPUs
 * (their ids), and NVIDIA ones as a fallback when nvidia-smi cannot be run.
 */
import { join } from 'node:path';
import { describeRunFailure, type ProbeContext } from './context.js';
import { envValue } from './find-tool.js';
import { parseVideoControllers, type VideoController } from './windows-video-parse.js';

export const VIDEO_CONTROLLER_ARGS = [
  '-NoProfile',
  '-NonInteractive',
  '-Command',
  'Get-CimInstance Win32_VideoController | Select-Object Name,PNPDeviceID,DriverVersion | ConvertTo-Json',
];

export async function probeWindowsVideo(ctx: ProbeContext): Promise<{ controllers: VideoController[]; notes: string[]; troubles: string[] }> {
  if (ctx.platform !== 'win32') return { controllers: [], notes: [], troubles: [] };
  const systemRoot = envValue(ctx, 'SystemRoot') ?? 'C:\\Windows';
  const powershell = await ctx.find('powershell', [join(systemRoot, 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe')]);
  if (powershell === undefined) {
    return { controllers: [], notes: ['powershell not found: Intel and AMD GPUs not detected'], troubles: [] };
  }
  const result = await ctx.run(powershell, VIDEO_CONTROLLER_ARGS);
  if (!result?.ok) return { controllers: [], notes: [], troubles: [describeRunFailure('Get-CimInstance Win32_VideoController', result)] };
  const controllers = parseVideoControllers(result.stdout);
  return { controllers, notes: controllers.length === 0 ? ['Win32_VideoController listed no video controller'] : [], troubles: [] };
}
