// Limits of groups (ezeep: name 1–255, description ≤255; see docs/ezeep.md), free of zod so client
// components can import them without shipping the validation library to the browser.
export const GROUP_NAME_MAX = 255;
export const GROUP_DESCRIPTION_MAX = 255;
