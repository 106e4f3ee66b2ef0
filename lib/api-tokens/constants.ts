// The API token name limit, free of zod so the browser form can use it without shipping zod.
export const API_TOKEN_NAME_MAX = 80;
