import { arch, cpus, release, totalmem, type } from 'node:os';

export interface Machine {
  os: string;
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
}

export function describeMachine(): Machine {
  const cpuList = cpus();
  return {
    os: `${type()} ${release()} ${arch()}`,
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    cores: cpuList.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
  };
}

export function machineLine(m: Machine): string {
  return `${m.cores} × ${m.cpuModel}, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}`;
}
