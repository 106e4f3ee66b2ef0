export interface ThrowawayCluster {
  adminUrl: string;
  port: number;
  dir: string;
  stop(): void;
}
export function findPgBinDir(): string | null;
export function startThrowawayCluster(opts?: {
  binDir?: string | null;
  log?: (line: string) => void;
}): Promise<ThrowawayCluster>;
export function withDatabase(url: string, database: string): string;
