export function freePort(host?: string): Promise<number>;
export function freePortSync(host?: string): number;
export function isPortFree(port: number, host?: string): Promise<boolean>;
