// A connector type in the admin's language (works with useTranslations and getTranslations).
import { isKnownConnectorType } from "@/lib/connectors/types";

type TypeKey = "types.TPHub" | "types.Printserver" | "types.Virtual" | "types.Embedded" | "types.unknown";

export function connectorTypeText(t: (key: TypeKey) => string, type: string): string {
  if (isKnownConnectorType(type)) return t(`types.${type}`);
  return type || t("types.unknown");
}
