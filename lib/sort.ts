// Orders names the way people read them: case and accents ignored, in the runtime's locale.
// One collator for the process: `a.localeCompare(b, undefined, options)` builds a new one on every
// call, which made sorting 100 groups cost ~10 ms and 10,000 users over a second (`npm run bench`).
const collator = new Intl.Collator(undefined, { sensitivity: "base" });

/** Compares two texts ignoring case and accents (a sort comparator). */
export const compareText = (a: string, b: string): number => collator.compare(a, b);

/** Compares two things by their `name` (a sort comparator). */
export const byName = (a: { name: string }, b: { name: string }): number => collator.compare(a.name, b.name);
