import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type LocalPorts, localPorts, ManualClock } from "../../../core/local/index.js";
import type { MonitorResult } from "../../../core/monitor/monitor-result.js";
import { DEFAULT_RETRAIN, openOrUpdateRetrainPr } from "../../../core/retrain/open-or-update.js";
import {
  signalFromDispatch,
  signalFromMonitor,
  signalsFromAlertmanager,
} from "../../../core/retrain/signals.js";

const HOUR = 3600 * 1000;

function alerts(
  status: "firing" | "resolved" = "firing",
  fingerprint = "a1b2c3d4e5f60718",
  model = "penguins",
) {
  return {
    version: "4",
    groupKey: '{}:{alertname="ModelDegraded"}',
    status,
    receiver: "kiln",
    alerts: [
      {
        status,
        labels: { alertname: "ModelDegraded", repository: "acme/ml", model },
        annotations: { summary: "accuracy on production fell to 0.81" },
        startsAt: "2024-01-01T00:00:00Z",
        endsAt: status === "resolved" ? "2024-01-01T02:00:00Z" : "0001-01-01T00:00:00Z",
        fingerprint,
      },
    ],
  };
}

const degraded: MonitorResult = {
  schema: "kiln.monitor/v1",
  model: "penguins",
  version: "penguins@v3",
  window: { from: null, to: null },
  degraded: true,
  reasons: [{ kind: "drift", value: 0.5, limit: 0.25, message: "3 of 6 input columns drifted" }],
  drift: null,
  metrics: {},
};

let dir: string;
let clock: ManualClock;
let ports: LocalPorts;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "kiln-retrain-"));
  clock = new ManualClock("2024-01-01T00:00:00Z");
  ports = localPorts({ root: dir, clock });
  await ports.repo.commit("main", [{ path: "README.md", content: "hi\n" }], "init");
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const alert = (...args: Parameters<typeof alerts>) => {
  const s = signalsFromAlertmanager(alerts(...args), { now: clock.now() }).signals[0];
  if (!s) throw new Error("no signal");
  return s;
};
const commits = async () => (await readdir(join(dir, "repo", "commits"))).length;

describe("openOrUpdateRetrainPr", () => {
  it("20 identical alerts → one PR, one commit; labels, reviewers and the request file", async () => {
    const retrain = { ...DEFAULT_RETRAIN, reviewers: ["ml-lead"] };
    const outcomes = [];
    for (let i = 0; i < 20; i++) {
      outcomes.push((await openOrUpdateRetrainPr(ports, { signal: alert(), retrain })).outcome);
      clock.advance(4 * HOUR);
    }
    expect(outcomes[0]).toBe("opened");
    expect(new Set(outcomes.slice(1))).toEqual(new Set(["unchanged"]));
    const prs = await ports.pullRequests.findByBranch("kiln/retrain/penguins", "all");
    expect(prs).toHaveLength(1);
    expect(prs[0]).toMatchObject({
      title: "Retrain penguins: accuracy on production fell to 0.81",
      labels: ["retrain"],
    });
    const stored = JSON.parse(await readFile(join(dir, "repo", "pulls.json"), "utf8"));
    expect(stored.pulls[0].reviewers).toEqual(["ml-lead"]);
    expect(await commits()).toBe(2); // main's and the request's
    const file = await ports.repo.readFile("kiln/retrain/penguins", ".kiln/retrain/penguins.json");
    expect(JSON.parse(file ?? "{}")).toMatchObject({ schema: "kiln.retrain/v1", source: "alertmanager" });
    expect(await ports.repo.readFile("main", ".kiln/retrain/penguins.json")).toBeNull();
  });

  it("a changed signal updates the open PR: a commit, a comment with the new evidence, a new title", async () => {
    const first = await openOrUpdateRetrainPr(ports, { signal: alert() });
    const signal = signalFromMonitor(degraded, { now: clock.now(), runId: 7 });
    if (!signal) throw new Error("no signal");
    const updated = await openOrUpdateRetrainPr(ports, { signal });
    expect(updated).toMatchObject({ outcome: "updated", pr: first.pr });
    expect(updated.commit).not.toBe(first.commit);
    const comments = await ports.pullRequests.comments(first.pr ?? 0);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain("kiln-monitor run 7");
    expect(updated.title).toBe("Retrain penguins: 3 of 6 input columns drifted");
    // Both signals are now known: the alert repeating changes nothing.
    expect((await openOrUpdateRetrainPr(ports, { signal: alert() })).outcome).toBe("unchanged");
    expect(await ports.pullRequests.comments(first.pr ?? 0)).toHaveLength(1);
  });

  it("a resolved alert notes recovery on the open PR once, and nothing else", async () => {
    const opened = await openOrUpdateRetrainPr(ports, { signal: alert() });
    const before = await ports.repo.branches();
    expect(await openOrUpdateRetrainPr(ports, { signal: alert("resolved") })).toMatchObject({
      outcome: "noted-resolved",
      pr: opened.pr,
    });
    expect((await openOrUpdateRetrainPr(ports, { signal: alert("resolved") })).outcome).toBe("unchanged");
    const comments = await ports.pullRequests.comments(opened.pr ?? 0);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain("Recovered");
    expect(await ports.repo.branches()).toEqual(before);
    const [pr] = await ports.pullRequests.findByBranch("kiln/retrain/penguins", "open");
    expect(pr?.title).toBe(opened.title);
  });

  it("no open PR: a resolved alert does nothing", async () => {
    expect(await openOrUpdateRetrainPr(ports, { signal: alert("resolved") })).toMatchObject({
      outcome: "unchanged",
      pr: null,
    });
    expect(await ports.pullRequests.findByBranch("kiln/retrain/penguins", "all")).toEqual([]);
  });

  it("cooldown after a merged PR, then a new PR once it has passed", async () => {
    const opened = await openOrUpdateRetrainPr(ports, { signal: alert() });
    clock.advance(HOUR);
    await ports.pullRequests.merge(opened.pr ?? 0);
    clock.advance(24 * HOUR - 1000);
    const cooling = await openOrUpdateRetrainPr(ports, { signal: alert("firing", "ffff0000") });
    expect(cooling).toMatchObject({ outcome: "skipped-cooldown", pr: opened.pr });
    clock.advance(2000);
    const again = await openOrUpdateRetrainPr(ports, { signal: alert("firing", "ffff0000") });
    expect(again.outcome).toBe("opened");
    expect(again.pr).not.toBe(opened.pr);
  });

  it("max-per-day counts retraining PRs of every model in the last 24 hours", async () => {
    const retrain = { ...DEFAULT_RETRAIN, cooldown: 0, "max-per-day": 2 };
    const models = ["penguins", "iris", "wine"];
    for (const model of ["penguins", "iris"]) {
      expect(
        (await openOrUpdateRetrainPr(ports, { signal: alert("firing", "aa", model), retrain, models }))
          .outcome,
      ).toBe("opened");
    }
    const limited = await openOrUpdateRetrainPr(ports, {
      signal: alert("firing", "aa", "wine"),
      retrain,
      models,
    });
    expect(limited).toMatchObject({ outcome: "skipped-limit", pr: null });
    clock.advance(24 * HOUR + 1);
    expect(
      (await openOrUpdateRetrainPr(ports, { signal: alert("firing", "aa", "wine"), retrain, models }))
        .outcome,
    ).toBe("opened");
  });

  it("a PR closed unmerged is not reopened for the same signal, only for a changed one", async () => {
    const retrain = { ...DEFAULT_RETRAIN, cooldown: 0 };
    const signal = signalFromDispatch(
      { model: "penguins", reason: "labels show decay" },
      { now: clock.now() },
    );
    const opened = await openOrUpdateRetrainPr(ports, { signal, retrain });
    await ports.pullRequests.close(opened.pr ?? 0);
    clock.advance(48 * HOUR);
    expect(await openOrUpdateRetrainPr(ports, { signal, retrain })).toMatchObject({
      outcome: "unchanged",
      pr: opened.pr,
    });
    const changed = signalFromDispatch(
      { model: "penguins", reason: "labels show more decay" },
      { now: clock.now() },
    );
    expect((await openOrUpdateRetrainPr(ports, { signal: changed, retrain })).outcome).toBe("opened");
  });
});
