import type { ChildProcess } from "node:child_process";

export interface SimulatorProcess {
  accountUrl: string;
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  organizationId: string;
  pid: number | undefined;
  child: ChildProcess;
  stop(): void;
}
export function startSimulatorProcess(opts?: {
  cwd?: string;
  seed?: string;
  clientId?: string;
  clientSecret?: string;
  accountPort?: number;
  apiPort?: number;
  timeoutMs?: number;
  onOutput?: (chunk: string | Buffer) => void;
}): Promise<SimulatorProcess>;
