// Every audit action has a label and a sentence in English and German, the English matching the
// catalogue (the reference for docs and tests); descriptions read in the reader's language.
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";

import { AUDIT_ACTION_NAMES, AUDIT_ACTIONS } from "@/lib/audit/actions-catalog";
import { describeChange } from "@/lib/audit/describe";
import { actionMessageKey, localActionLabel, type AuditTranslator } from "@/lib/audit/i18n";
import { messagesFor } from "@/lib/i18n/messages";

const german: AuditTranslator = createTranslator({
  locale: "de",
  messages: messagesFor("de"),
  namespace: "audit",
});

describe("audit action names in the message catalogue", () => {
  it("maps every action to its own key", () => {
    const keys = AUDIT_ACTION_NAMES.map(actionMessageKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(["en", "de"] as const)("has a label and a sentence for every action in %s", (locale) => {
    const actions = messagesFor(locale).audit.actions as Record<
      string,
      { label?: string; sentence?: string }
    >;
    const missing = AUDIT_ACTION_NAMES.filter((name) => {
      const texts = actions[actionMessageKey(name)];
      return !texts?.label?.trim() || !texts?.sentence?.trim();
    });
    expect(missing).toEqual([]);
    expect(Object.keys(actions).sort()).toEqual(AUDIT_ACTION_NAMES.map(actionMessageKey).sort());
  });

  it("keeps the English messages equal to the catalogue", () => {
    const actions = messagesFor("en").audit.actions;
    for (const name of AUDIT_ACTION_NAMES) {
      expect(actions[actionMessageKey(name)], name).toEqual(AUDIT_ACTIONS[name]);
    }
  });

  it("labels actions in German, older names and unknown names included", () => {
    expect(localActionLabel(german, "group.update")).toBe("Gruppe geändert");
    expect(localActionLabel(german, "membership.add")).toBe("Gruppenmitgliedschaft geändert");
    expect(localActionLabel(german, "some.future_action")).toBe("some.future_action");
  });

  it("describes a change in German around the stored names", () => {
    const entry = {
      action: "membership.update",
      outcome: "failure",
      before: { groups: ["Sales"] },
      after: { groups: ["Engineering"] },
    };
    expect(describeChange(entry, german)).toBe(
      "Nicht ausgeführt: hinzugefügt zu Engineering; entfernt aus Sales",
    );
    expect(describeChange({ ...entry, outcome: "success" })).toBe("added to Engineering; removed from Sales");
  });
});
