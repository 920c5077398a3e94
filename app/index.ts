/**
 * The kiln GitHub App: one handler per behaviour, each in app/handlers/. Loaded by app/server.ts (and
 * by tests through `probot.load`). Handlers read payloads defensively and make no GitHub calls unless
 * their behaviour needs one, so an event kiln does not act on costs no installation token.
 */
import type { ApplicationFunctionOptions, Probot } from "probot";
import { onDeploymentProtectionRule } from "./handlers/deployment-protection-rule.js";
import { onInstallation } from "./handlers/installation.js";
import { onIssueCommentCreated } from "./handlers/issue-comment.js";
import { onRepositoryDispatch } from "./handlers/repository-dispatch.js";
import { onRetrainEvidence } from "./handlers/retrain-evidence.js";
import { onWorkflowRunCompleted } from "./handlers/workflow-run.js";

export default (app: Probot, _options?: ApplicationFunctionOptions): void => {
  app.on("workflow_run.completed", onWorkflowRunCompleted);
  app.on("workflow_run.completed", onRetrainEvidence);
  app.on("issue_comment.created", onIssueCommentCreated);
  // Any action: the dispatch's event_type (e.g. kiln-degradation) arrives as the payload's action.
  app.on("repository_dispatch", onRepositoryDispatch);
  app.on("deployment_protection_rule", onDeploymentProtectionRule);
  app.on("installation", onInstallation);
};
