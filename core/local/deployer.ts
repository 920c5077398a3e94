/** Deployments as a local log, `<root>/deployments.json`, shaped like GitHub Deployments and statuses. */
import { join, resolve } from "node:path";
import * as z from "zod";
import { isoTime, modelName } from "../contracts.js";
import { UsageError } from "../errors.js";
import { JsonStateFile } from "../fs.js";
import { assertModelName } from "../names.js";
import type { Clock, Deployer, Deployment, DeploymentRequest, DeploymentState } from "../ports.js";

export const DEPLOYMENT_STATES: readonly DeploymentState[] = [
  "queued",
  "in_progress",
  "success",
  "failure",
  "error",
  "inactive",
];

const details = {
  environment_url: z.string().optional(),
  log_url: z.string().optional(),
  description: z.string().optional(),
};

const statusSchema = z.looseObject({ state: z.enum(DEPLOYMENT_STATES), created_at: isoTime, ...details });
export type DeploymentStatus = z.infer<typeof statusSchema>;

const storedSchema = z.looseObject({
  id: z.string(),
  model: modelName,
  version: z.number().int().positive(),
  environment: z.string(),
  ref: z.string(),
  payload: z.record(z.string(), z.unknown()),
  state: z.enum(DEPLOYMENT_STATES),
  created_at: isoTime,
  updated_at: isoTime,
  ...details,
  statuses: z.array(statusSchema),
});
type Stored = z.infer<typeof storedSchema>;

const fileSchema = z.looseObject({
  schema: z.literal("kiln.deployments/v1"),
  next_id: z.number().int().positive(),
  deployments: z.array(storedSchema),
});
type DeploymentsFile = z.infer<typeof fileSchema>;

export class LocalDeployer implements Deployer {
  private readonly file: JsonStateFile<DeploymentsFile>;
  private readonly clock: Clock;

  constructor(opts: { root: string; clock: Clock }) {
    this.clock = opts.clock;
    this.file = new JsonStateFile(join(resolve(opts.root), "deployments.json"), fileSchema, () => ({
      schema: "kiln.deployments/v1",
      next_id: 1,
      deployments: [],
    }));
  }

  async create(request: DeploymentRequest): Promise<Deployment> {
    assertModelName(request.model);
    if (!Number.isInteger(request.version) || request.version < 1) {
      throw new UsageError(`version ${request.version} must be a positive integer`);
    }
    if (request.environment.trim() === "") throw new UsageError("a deployment needs an environment");
    return this.file.update((state) => {
      const now = this.clock.now().toISOString();
      const stored: Stored = {
        id: String(state.next_id++),
        model: request.model,
        version: request.version,
        environment: request.environment,
        ref: request.ref,
        payload: request.payload,
        state: "queued",
        created_at: now,
        updated_at: now,
        statuses: [{ state: "queued", created_at: now }],
      };
      state.deployments.push(stored);
      return toDeployment(stored);
    });
  }

  async setState(
    id: string,
    state: DeploymentState,
    details: { environment_url?: string; log_url?: string; description?: string } = {},
  ): Promise<Deployment> {
    if (!DEPLOYMENT_STATES.includes(state)) {
      throw new UsageError(`deployment state ${JSON.stringify(state)} is not valid`, {
        hint: `Use one of ${DEPLOYMENT_STATES.join(", ")}`,
      });
    }
    return this.file.update((file) => {
      const d = file.deployments.find((x) => x.id === id);
      if (!d)
        throw new UsageError(`deployment ${id} does not exist`, {
          hint: "List deployments with `kiln deploy list`",
        });
      const now = this.clock.now().toISOString();
      const defined = Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined));
      Object.assign(d, defined, { state, updated_at: now });
      d.statuses.push({ state, created_at: now, ...defined });
      // GitHub marks the previous successful deployment inactive (auto_inactive); kiln scopes that
      // to the same model, since several models share an environment.
      if (state === "success") {
        for (const other of file.deployments) {
          if (other === d || other.state !== "success") continue;
          if (other.model !== d.model || other.environment !== d.environment) continue;
          other.state = "inactive";
          other.updated_at = now;
          other.statuses.push({
            state: "inactive",
            created_at: now,
            description: `superseded by deployment ${d.id}`,
          });
        }
      }
      return toDeployment(d);
    });
  }

  async list(filter: { environment?: string; model?: string } = {}): Promise<Deployment[]> {
    const { deployments } = await this.file.read();
    return deployments
      .filter((d) => filter.environment === undefined || d.environment === filter.environment)
      .filter((d) => filter.model === undefined || d.model === filter.model)
      .sort((a, b) => Number(b.id) - Number(a.id))
      .map(toDeployment);
  }

  /** Every status a deployment went through, oldest first. */
  async statuses(id: string): Promise<DeploymentStatus[]> {
    const d = (await this.file.read()).deployments.find((x) => x.id === id);
    if (!d) throw new UsageError(`deployment ${id} does not exist`);
    return d.statuses;
  }
}

function toDeployment(d: Stored): Deployment {
  const { statuses: _statuses, ...rest } = d;
  return structuredClone(rest) as Deployment;
}
