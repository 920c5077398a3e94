import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadModelConfig, modelConfig, readConfigFile } from "../../../core/config/model-config.js";
import { UsageError } from "../../../core/errors.js";
import { freshDir } from "../local/tmp.js";

const CONFIG = `models:
  penguins:
    gate:
      metrics:
        accuracy: { min: 0.9 }
  puffins:
    gate:
      metrics:
        f1: { min: 0.8 }
`;

function workspace(): string {
  const dir = freshDir();
  mkdirSync(join(dir, ".github"));
  writeFileSync(join(dir, ".github", "kiln.yml"), CONFIG);
  return dir;
}

async function failure(p: Promise<unknown>): Promise<UsageError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UsageError);
  return err as UsageError;
}

describe("loadModelConfig", () => {
  it("reads a relative file from cwd and finds the model's entry", async () => {
    const cwd = workspace();
    const { config, model } = await loadModelConfig({ cwd, file: ".github/kiln.yml", model: "puffins" });
    expect(Object.keys(config.models)).toEqual(["penguins", "puffins"]);
    expect(model).toBe(config.models.puffins);
    expect(model.gate.metrics.f1).toMatchObject({ min: 0.8 });
    // An absolute file ignores cwd.
    const abs = await loadModelConfig({
      cwd: freshDir(),
      file: join(cwd, ".github/kiln.yml"),
      model: "penguins",
    });
    expect(abs.model.gate.metrics.accuracy).toMatchObject({ min: 0.9 });
  });

  it("names an unknown model and the closest declared one, or every declared one", async () => {
    const cwd = workspace();
    const near = await failure(loadModelConfig({ cwd, file: ".github/kiln.yml", model: "pengiuns" }));
    expect(near.message).toBe('.github/kiln.yml declares no model "pengiuns"');
    expect(near.hint).toBe("Did you mean penguins?");
    const far = await failure(loadModelConfig({ cwd, file: ".github/kiln.yml", model: "zebras" }));
    expect(far.hint).toBe("Declared: penguins, puffins");
    const listed = await failure(
      loadModelConfig({ cwd, file: ".github/kiln.yml", model: "pengiuns", suggest: false }),
    );
    expect(listed.message).toBe('.github/kiln.yml declares no model "pengiuns"');
    expect(listed.hint).toBe("Declared: penguins, puffins");
  });

  it("blames a name that is not a model name on the flag or input, or only looks it up", async () => {
    const cwd = workspace();
    const file = ".github/kiln.yml";
    expect((await failure(loadModelConfig({ cwd, file, model: "Pen Guins" }))).message).toBe(
      'model "Pen Guins" is not a valid model name',
    );
    expect(
      (await failure(loadModelConfig({ cwd, file, model: "Pen Guins", modelInput: "--model" }))).message,
    ).toBe('--model "Pen Guins" is not a valid model name');
    expect(
      (await failure(loadModelConfig({ cwd, file, model: "Pen Guins", modelInput: null }))).message,
    ).toBe('.github/kiln.yml declares no model "Pen Guins"');
  });

  it("says a missing config file does not exist, in the caller's words", async () => {
    const cwd = freshDir();
    const file = ".github/kiln.yml";
    const plain = await failure(loadModelConfig({ cwd, file, model: "penguins" }));
    expect([plain.message, plain.hint]).toEqual([".github/kiln.yml does not exist", "Check the path"]);
    const worded = await failure(
      loadModelConfig({ cwd, file, model: "penguins", what: "config", hint: "Run `kiln init`" }),
    );
    expect([worded.message, worded.hint]).toEqual([
      "config .github/kiln.yml does not exist",
      "Run `kiln init`",
    ]);
    const own = await failure(
      loadModelConfig({
        cwd,
        file,
        model: "penguins",
        what: "config",
        unreadable: (shown, err) =>
          new UsageError(`${shown} cannot be read: ${(err as NodeJS.ErrnoException).code}`),
      }),
    );
    expect(own.message).toBe(".github/kiln.yml cannot be read: ENOENT");
  });

  it("lists an invalid config's problems under the file's name", async () => {
    const cwd = freshDir();
    writeFileSync(join(cwd, "bad.yml"), "models:\n  penguins:\n    gaet: {}\n");
    const err = await failure(readConfigFile({ cwd, file: "bad.yml" }));
    expect(err.message).toMatch(
      /^bad\.yml is not a valid kiln config:\n {2}bad\.yml:3:5 models\.penguins\.gaet: /,
    );
  });
});

describe("modelConfig", () => {
  it("finds a model in a parsed config, as the gate does", async () => {
    const config = await readConfigFile({ cwd: workspace(), file: ".github/kiln.yml" });
    expect(modelConfig(config, "penguins", "kiln.yml")).toBe(config.models.penguins);
    expect(() => modelConfig(config, "puffin", "kiln.yml")).toThrow('kiln.yml declares no model "puffin"');
  });
});
