/**
 * Workflow runs on the filesystem (`<root>/runs.json`), for the baseline's fallback — the newest
 * successful run on the base branch — when there is no GitHub. The demo and tests record runs.
 */
import { join, resolve } from "node:path";
import * as z from "zod";
import { isoTime } from "../contracts.js";
import { JsonStateFile } from "../fs.js";
import type { WorkflowRun, WorkflowRuns } from "../ports.js";

const runSchema = z.looseObject({
  id: z.string().min(1),
  branch: z.string().min(1),
  sha: z.string(),
  created_at: isoTime,
  url: z.string().optional(),
  conclusion: z.enum(["success", "failure", "cancelled"]),
});

export type RecordedRun = z.infer<typeof runSchema>;

export class LocalWorkflowRuns implements WorkflowRuns {
  readonly root: string;
  private readonly state: JsonStateFile<RecordedRun[]>;

  constructor(opts: { root: string }) {
    this.root = resolve(opts.root);
    this.state = new JsonStateFile(join(this.root, "runs.json"), z.array(runSchema), () => []);
  }

  /** Records (or replaces, by id) a finished run. */
  async record(run: RecordedRun): Promise<void> {
    await this.state.update((runs) => {
      const at = runs.findIndex((r) => r.id === run.id);
      if (at >= 0) runs[at] = run;
      else runs.push(run);
    });
  }

  async successful(branch: string, limit: number): Promise<WorkflowRun[]> {
    return (await this.state.read())
      .filter((r) => r.branch === branch && r.conclusion === "success")
      .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))
      .slice(0, limit)
      .map(({ conclusion: _, ...r }) => r);
  }
}
