// Checks that every custom zod message of lib/ is in the validation catalogue
// (lib/i18n/messages/en/validation.json) and prints the ones that are not, with where they are.
// Run: npx tsx scripts/i18n-validation.ts   (tests/unit/validation-messages.test.ts does the same)
import english from "@/lib/i18n/messages/en/validation.json";

import { extractValidationMessages, SLOT, uncatalogued } from "./lib/validation-messages";

const texts = Object.values(english as Record<string, Record<string, string>>).flatMap((group) =>
  Object.values(group),
);
const found = extractValidationMessages(process.cwd());
const missing = uncatalogued(found, texts);
console.log(`${found.length} schema messages, ${texts.length} catalogue texts, ${missing.length} missing.`);
for (const message of missing) console.log(`  ${message.where}: ${message.text.replaceAll(SLOT, "${…}")}`);
if (missing.length > 0) process.exitCode = 1;
