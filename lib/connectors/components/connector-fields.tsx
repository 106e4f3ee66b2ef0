// The configuration ezeep reports for a connector, as a definition list.
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

import { connectorTypeText } from "@/lib/connectors/components/type-label";
import type { ConnectorView } from "@/lib/connectors/service";
import { Badge } from "@/lib/ui/components";

function Field(props: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{props.label}</dt>
      <dd className="mt-1 text-sm break-words text-slate-900">{props.children}</dd>
    </div>
  );
}

const none = <span className="text-slate-500">—</span>;

export function ConnectorFields({ connector }: { connector: ConnectorView }) {
  const t = useTranslations("connectors");
  const typeText = connectorTypeText(t, connector.type);
  return (
    <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3">
      <Field label={t("fields.type")}>
        {typeText}
        {typeText !== connector.type && connector.type ? (
          <span className="text-slate-500"> ({connector.type})</span>
        ) : null}
      </Field>
      <Field label={t("fields.location")}>{connector.location || none}</Field>
      <Field label={t("fields.os")}>{connector.osType || none}</Field>
      <Field label={t("fields.serial")}>
        {connector.serial ? (
          <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">{connector.serial}</code>
        ) : (
          none
        )}
      </Field>
      <Field label={t("fields.supportedFormats")}>
        {connector.supportedFormats.length ? (
          <span className="flex flex-wrap gap-1">
            {connector.supportedFormats.map((f) => (
              <Badge key={f}>{f}</Badge>
            ))}
          </span>
        ) : (
          none
        )}
      </Field>
      <Field label={t("fields.printers")}>{connector.printers}</Field>
      {connector.extra.map((e) => (
        <Field key={e.key} label={e.key.replace(/_/g, " ")}>
          {e.value}
        </Field>
      ))}
    </dl>
  );
}
