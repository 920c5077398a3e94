/**
 * `target: kserve`: each rollout step is a KServe InferenceService for `kubectl apply`, with
 * `canaryTrafficPercent` carrying the step (KServe splits traffic between the last ready revision
 * and the new one; 100 promotes). A rollback re-applies the previous version at 100.
 */
import { stringify } from "yaml";
import type { RunRecord } from "../metrics/run-record.js";

export interface InferenceServiceInput {
  model: string;
  version: number;
  uri: string;
  environment: string;
  /** Where the cluster finds the model files (s3://, gs://, pvc://, https://…). */
  storageUri: string;
  trafficPercent: number;
  /** The ServingRuntime's model format, e.g. sklearn, xgboost, onnx. */
  modelFormat: string;
}

/** A DNS-1035 label: lowercase alphanumerics and '-', starting with a letter, at most 63 characters. */
export function serviceName(model: string, environment: string): string {
  const name = `${model}-${environment}`
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^[^a-z]+/, "")
    .slice(0, 63)
    .replace(/-+$/, "");
  return name || "kiln-model";
}

/** The run may name its format in params.model_format; otherwise sklearn, KServe's most common. */
export function modelFormatOf(run: RunRecord): string {
  const f = run.params?.model_format;
  return typeof f === "string" && f !== "" ? f : "sklearn";
}

export function renderInferenceService(i: InferenceServiceInput): string {
  const predictor: Record<string, unknown> = {
    model: { modelFormat: { name: i.modelFormat }, storageUri: i.storageUri },
  };
  // 100 is a full promotion: KServe then routes everything to the latest revision.
  if (i.trafficPercent < 100) predictor.canaryTrafficPercent = i.trafficPercent;
  const doc = {
    apiVersion: "serving.kserve.io/v1beta1",
    kind: "InferenceService",
    metadata: {
      name: serviceName(i.model, i.environment),
      labels: {
        "app.kubernetes.io/managed-by": "kiln",
        "kiln.dev/model": i.model,
        "kiln.dev/version": String(i.version),
        "kiln.dev/environment": i.environment.toLowerCase(),
      },
      annotations: { "kiln.dev/model-uri": i.uri },
    },
    spec: { predictor },
  };
  return stringify(doc);
}
