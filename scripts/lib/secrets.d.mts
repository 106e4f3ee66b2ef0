export function randomSecret(bytes?: number): string;
export function randomId(bytes?: number): string;
