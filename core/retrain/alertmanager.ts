/**
 * Prometheus Alertmanager's webhook payload (version 4) — untrusted input from the network: every
 * string is size-capped, annotations are truncated rather than refused, and alerts are grouped by
 * the `repository` (owner/name) and `model` labels kiln routes on.
 */
import * as z from "zod";

const MAX_LABEL = 1024;
const MAX_ANNOTATION = 2000;
const MAX_ALERTS = 1000;

const label = z.string().max(MAX_LABEL);
const labels = z
  .record(z.string().max(256), label)
  .refine((r) => Object.keys(r).length <= 64, "more than 64 labels");
const annotations = z
  .record(
    z.string().max(256),
    z.string().transform((s) => s.slice(0, MAX_ANNOTATION)),
  )
  .refine((r) => Object.keys(r).length <= 64, "more than 64 annotations");
const status = z.enum(["firing", "resolved"]);
/** RFC 3339 as Alertmanager writes it (nanoseconds; `0001-01-01T00:00:00Z` for "not ended"). */
const time = z.string().max(64);

export const alertSchema = z.object({
  status,
  labels,
  annotations: annotations.default({}),
  startsAt: time,
  endsAt: time.default("0001-01-01T00:00:00Z"),
  generatorURL: z.string().max(2048).default(""),
  fingerprint: z.string().min(1).max(128),
});

export const alertmanagerPayloadSchema = z.object({
  version: z.literal("4", { error: 'must be "4" (Alertmanager webhook version 4)' }),
  groupKey: z
    .string()
    .min(1)
    .max(MAX_LABEL * 4),
  truncatedAlerts: z.number().int().nonnegative().default(0),
  status,
  receiver: z.string().max(MAX_LABEL).default(""),
  groupLabels: labels.default({}),
  commonLabels: labels.default({}),
  commonAnnotations: annotations.default({}),
  externalURL: z.string().max(2048).default(""),
  alerts: z.array(alertSchema).min(1).max(MAX_ALERTS),
});

export type Alert = z.infer<typeof alertSchema>;
export type AlertmanagerPayload = z.infer<typeof alertmanagerPayloadSchema>;

/** owner/name, as GitHub allows them. */
export const REPOSITORY = /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/;

export interface AlertGroup {
  repository: string;
  model: string;
  /** Firing while any of the model's alerts fires; resolved when all have. */
  status: "firing" | "resolved";
  alerts: Alert[];
}

export interface IgnoredAlert {
  index: number;
  fingerprint: string;
  reason: string;
}

/**
 * The payload's alerts per (repository, model). Labels come from the alert, else the group's
 * common labels. An alert without them, or with a value kiln cannot use, is ignored with a reason.
 */
export function groupAlerts(
  payload: AlertmanagerPayload,
  isModel: (name: string) => boolean,
): { groups: AlertGroup[]; ignored: IgnoredAlert[] } {
  const groups = new Map<string, AlertGroup>();
  const ignored: IgnoredAlert[] = [];
  payload.alerts.forEach((alert, index) => {
    const repository = alert.labels.repository ?? payload.commonLabels.repository;
    const model = alert.labels.model ?? payload.commonLabels.model;
    const at = `alerts.${index}.labels`;
    const problem =
      repository === undefined
        ? `${at}.repository is missing`
        : !REPOSITORY.test(repository)
          ? `${at}.repository ${JSON.stringify(repository)} is not owner/name`
          : model === undefined
            ? `${at}.model is missing`
            : !isModel(model)
              ? `${at}.model ${JSON.stringify(model)} is not a model name`
              : null;
    if (problem !== null || repository === undefined || model === undefined) {
      ignored.push({ index, fingerprint: alert.fingerprint, reason: problem ?? "unlabelled" });
      return;
    }
    const id = `${repository.toLowerCase()} ${model}`;
    const group = groups.get(id) ?? { repository, model, status: "resolved" as const, alerts: [] };
    group.alerts.push(alert);
    if (alert.status === "firing") group.status = "firing";
    groups.set(id, group);
  });
  return { groups: [...groups.values()], ignored };
}
