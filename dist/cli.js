#!/usr/bin/env node
import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  formatDataSchema,
  inferSchema,
  planValidation,
  progressLines,
  renderValidationMarkdown,
  runValidation,
  verdictLine
} from "./chunks/chunk-HAMNSDMH.js";
import {
  Cancellation,
  DEFAULT_TELEMETRY_INTERVAL_MS,
  OUTCOME_ICON,
  ciFromEnv,
  fingerprintFile,
  pickSweep,
  runnerFromEnv,
  sweepTable,
  train
} from "./chunks/chunk-VBJ7DSST.js";
import "./chunks/chunk-XNVFQPHV.js";
import {
  policyOrigin
} from "./chunks/chunk-LDXLUTBP.js";
import "./chunks/chunk-O7IIMTF5.js";
import {
  deployModel,
  expectedVersion,
  readDeployInputs,
  renderModelCard
} from "./chunks/chunk-7F5MIXAQ.js";
import "./chunks/chunk-DGMCUWSM.js";
import {
  monitor,
  productionVersion,
  renderMonitorMarkdown,
  renderMonitorText
} from "./chunks/chunk-B5O722Y5.js";
import {
  loadProfile
} from "./chunks/chunk-UAWGBGUE.js";
import {
  kilnPackage,
  packageRoot
} from "./chunks/chunk-OGD52LZZ.js";
import "./chunks/chunk-KEAAHPA3.js";
import {
  mergeProfiles,
  parseShard,
  profileToJSON
} from "./chunks/chunk-FMJYMEMH.js";
import "./chunks/chunk-EWTZGM4W.js";
import {
  LocalRegistry,
  localPorts
} from "./chunks/chunk-AURY5YWK.js";
import {
  assertAlias,
  describeBaseline,
  fmt,
  fmtDelta,
  fmtRelative,
  modelConfig,
  parseModelUri,
  parseRunText,
  readRunFile,
  runGate,
  shortCommit,
  systemClock,
  versionTag,
  writeGateFile
} from "./chunks/chunk-4VMW6VF5.js";
import {
  escapeMarkdown,
  formatCount,
  formatNumber,
  mermaidLabel
} from "./chunks/chunk-IB4XY3DN.js";
import {
  defaultDirection
} from "./chunks/chunk-MUEIDXEF.js";
import {
  CONFIG_PATH,
  JsonStateFile,
  MODEL_NAME,
  MODEL_NAME_RULE,
  artifactName,
  assertModelName,
  canonicalJson,
  checkConfig,
  closest,
  configSchema,
  formatKilnFile,
  formatProblem,
  isoTime,
  parseConfig,
  parseDuration,
  parseKilnFile,
  readTextFile,
  retrainBranch,
  retrainRequestPath,
  retrainRequestSchema,
  runDigest,
  sha256
} from "./chunks/chunk-LGDHKSEV.js";
import {
  external_exports
} from "./chunks/chunk-SHX5IHM6.js";
import {
  CheckFailed,
  KilnError,
  NotBuiltYet,
  UsageError,
  describeError,
  exitCodeOf
} from "./chunks/chunk-MYTDQ55T.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunks/chunk-UBBLWZDB.js";

// node_modules/commander/lib/error.js
var require_error = __commonJS({
  "node_modules/commander/lib/error.js"(exports) {
    var CommanderError2 = class extends Error {
      /**
       * Constructs the CommanderError class
       * @param {number} exitCode suggested exit code which could be used with process.exit
       * @param {string} code an id string representing the error
       * @param {string} message human-readable description of the error
       */
      constructor(exitCode, code, message) {
        super(message);
        Error.captureStackTrace(this, this.constructor);
        this.name = this.constructor.name;
        this.code = code;
        this.exitCode = exitCode;
        this.nestedError = void 0;
      }
    };
    var InvalidArgumentError2 = class extends CommanderError2 {
      /**
       * Constructs the InvalidArgumentError class
       * @param {string} [message] explanation of why argument is invalid
       */
      constructor(message) {
        super(1, "commander.invalidArgument", message);
        Error.captureStackTrace(this, this.constructor);
        this.name = this.constructor.name;
      }
    };
    exports.CommanderError = CommanderError2;
    exports.InvalidArgumentError = InvalidArgumentError2;
  }
});

// node_modules/commander/lib/argument.js
var require_argument = __commonJS({
  "node_modules/commander/lib/argument.js"(exports) {
    var { InvalidArgumentError: InvalidArgumentError2 } = require_error();
    var Argument2 = class {
      /**
       * Initialize a new command argument with the given name and description.
       * The default is that the argument is required, and you can explicitly
       * indicate this with <> around the name. Put [] around the name for an optional argument.
       *
       * @param {string} name
       * @param {string} [description]
       */
      constructor(name, description) {
        this.description = description || "";
        this.variadic = false;
        this.parseArg = void 0;
        this.defaultValue = void 0;
        this.defaultValueDescription = void 0;
        this.argChoices = void 0;
        switch (name[0]) {
          case "<":
            this.required = true;
            this._name = name.slice(1, -1);
            break;
          case "[":
            this.required = false;
            this._name = name.slice(1, -1);
            break;
          default:
            this.required = true;
            this._name = name;
            break;
        }
        if (this._name.endsWith("...")) {
          this.variadic = true;
          this._name = this._name.slice(0, -3);
        }
      }
      /**
       * Return argument name.
       *
       * @return {string}
       */
      name() {
        return this._name;
      }
      /**
       * @package
       */
      _collectValue(value, previous) {
        if (previous === this.defaultValue || !Array.isArray(previous)) {
          return [value];
        }
        previous.push(value);
        return previous;
      }
      /**
       * Set the default value, and optionally supply the description to be displayed in the help.
       *
       * @param {*} value
       * @param {string} [description]
       * @return {Argument}
       */
      default(value, description) {
        this.defaultValue = value;
        this.defaultValueDescription = description;
        return this;
      }
      /**
       * Set the custom handler for processing CLI command arguments into argument values.
       *
       * @param {Function} [fn]
       * @return {Argument}
       */
      argParser(fn) {
        this.parseArg = fn;
        return this;
      }
      /**
       * Only allow argument value to be one of choices.
       *
       * @param {string[]} values
       * @return {Argument}
       */
      choices(values) {
        this.argChoices = values.slice();
        this.parseArg = (arg, previous) => {
          if (!this.argChoices.includes(arg)) {
            throw new InvalidArgumentError2(
              `Allowed choices are ${this.argChoices.join(", ")}.`
            );
          }
          if (this.variadic) {
            return this._collectValue(arg, previous);
          }
          return arg;
        };
        return this;
      }
      /**
       * Make argument required.
       *
       * @returns {Argument}
       */
      argRequired() {
        this.required = true;
        return this;
      }
      /**
       * Make argument optional.
       *
       * @returns {Argument}
       */
      argOptional() {
        this.required = false;
        return this;
      }
    };
    function humanReadableArgName(arg) {
      const nameOutput = arg.name() + (arg.variadic === true ? "..." : "");
      return arg.required ? "<" + nameOutput + ">" : "[" + nameOutput + "]";
    }
    exports.Argument = Argument2;
    exports.humanReadableArgName = humanReadableArgName;
  }
});

// node_modules/commander/lib/help.js
var require_help = __commonJS({
  "node_modules/commander/lib/help.js"(exports) {
    var { humanReadableArgName } = require_argument();
    var Help2 = class {
      constructor() {
        this.helpWidth = void 0;
        this.minWidthToWrap = 40;
        this.sortSubcommands = false;
        this.sortOptions = false;
        this.showGlobalOptions = false;
      }
      /**
       * prepareContext is called by Commander after applying overrides from `Command.configureHelp()`
       * and just before calling `formatHelp()`.
       *
       * Commander just uses the helpWidth and the rest is provided for optional use by more complex subclasses.
       *
       * @param {{ error?: boolean, helpWidth?: number, outputHasColors?: boolean }} contextOptions
       */
      prepareContext(contextOptions) {
        this.helpWidth = this.helpWidth ?? contextOptions.helpWidth ?? 80;
      }
      /**
       * Get an array of the visible subcommands. Includes a placeholder for the implicit help command, if there is one.
       *
       * @param {Command} cmd
       * @returns {Command[]}
       */
      visibleCommands(cmd) {
        const visibleCommands = cmd.commands.filter((cmd2) => !cmd2._hidden);
        const helpCommand = cmd._getHelpCommand();
        if (helpCommand && !helpCommand._hidden) {
          visibleCommands.push(helpCommand);
        }
        if (this.sortSubcommands) {
          visibleCommands.sort((a, b) => {
            return a.name().localeCompare(b.name());
          });
        }
        return visibleCommands;
      }
      /**
       * Compare options for sort.
       *
       * @param {Option} a
       * @param {Option} b
       * @returns {number}
       */
      compareOptions(a, b) {
        const getSortKey = (option) => {
          return option.short ? option.short.replace(/^-/, "") : option.long.replace(/^--/, "");
        };
        return getSortKey(a).localeCompare(getSortKey(b));
      }
      /**
       * Get an array of the visible options. Includes a placeholder for the implicit help option, if there is one.
       *
       * @param {Command} cmd
       * @returns {Option[]}
       */
      visibleOptions(cmd) {
        const visibleOptions = cmd.options.filter((option) => !option.hidden);
        const helpOption = cmd._getHelpOption();
        if (helpOption && !helpOption.hidden) {
          const removeShort = helpOption.short && cmd._findOption(helpOption.short);
          const removeLong = helpOption.long && cmd._findOption(helpOption.long);
          if (!removeShort && !removeLong) {
            visibleOptions.push(helpOption);
          } else if (helpOption.long && !removeLong) {
            visibleOptions.push(
              cmd.createOption(helpOption.long, helpOption.description)
            );
          } else if (helpOption.short && !removeShort) {
            visibleOptions.push(
              cmd.createOption(helpOption.short, helpOption.description)
            );
          }
        }
        if (this.sortOptions) {
          visibleOptions.sort(this.compareOptions);
        }
        return visibleOptions;
      }
      /**
       * Get an array of the visible global options. (Not including help.)
       *
       * @param {Command} cmd
       * @returns {Option[]}
       */
      visibleGlobalOptions(cmd) {
        if (!this.showGlobalOptions) return [];
        const globalOptions = [];
        for (let ancestorCmd = cmd.parent; ancestorCmd; ancestorCmd = ancestorCmd.parent) {
          const visibleOptions = ancestorCmd.options.filter(
            (option) => !option.hidden
          );
          globalOptions.push(...visibleOptions);
        }
        if (this.sortOptions) {
          globalOptions.sort(this.compareOptions);
        }
        return globalOptions;
      }
      /**
       * Get an array of the arguments if any have a description.
       *
       * @param {Command} cmd
       * @returns {Argument[]}
       */
      visibleArguments(cmd) {
        if (cmd._argsDescription) {
          cmd.registeredArguments.forEach((argument) => {
            argument.description = argument.description || cmd._argsDescription[argument.name()] || "";
          });
        }
        if (cmd.registeredArguments.find((argument) => argument.description)) {
          return cmd.registeredArguments;
        }
        return [];
      }
      /**
       * Get the command term to show in the list of subcommands.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      subcommandTerm(cmd) {
        const args = cmd.registeredArguments.map((arg) => humanReadableArgName(arg)).join(" ");
        return cmd._name + (cmd._aliases[0] ? "|" + cmd._aliases[0] : "") + (cmd.options.length ? " [options]" : "") + // simplistic check for non-help option
        (args ? " " + args : "");
      }
      /**
       * Get the option term to show in the list of options.
       *
       * @param {Option} option
       * @returns {string}
       */
      optionTerm(option) {
        return option.flags;
      }
      /**
       * Get the argument term to show in the list of arguments.
       *
       * @param {Argument} argument
       * @returns {string}
       */
      argumentTerm(argument) {
        return argument.name();
      }
      /**
       * Get the longest command term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestSubcommandTermLength(cmd, helper) {
        return helper.visibleCommands(cmd).reduce((max, command) => {
          return Math.max(
            max,
            this.displayWidth(
              helper.styleSubcommandTerm(helper.subcommandTerm(command))
            )
          );
        }, 0);
      }
      /**
       * Get the longest option term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestOptionTermLength(cmd, helper) {
        return helper.visibleOptions(cmd).reduce((max, option) => {
          return Math.max(
            max,
            this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option)))
          );
        }, 0);
      }
      /**
       * Get the longest global option term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestGlobalOptionTermLength(cmd, helper) {
        return helper.visibleGlobalOptions(cmd).reduce((max, option) => {
          return Math.max(
            max,
            this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option)))
          );
        }, 0);
      }
      /**
       * Get the longest argument term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestArgumentTermLength(cmd, helper) {
        return helper.visibleArguments(cmd).reduce((max, argument) => {
          return Math.max(
            max,
            this.displayWidth(
              helper.styleArgumentTerm(helper.argumentTerm(argument))
            )
          );
        }, 0);
      }
      /**
       * Get the command usage to be displayed at the top of the built-in help.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      commandUsage(cmd) {
        let cmdName = cmd._name;
        if (cmd._aliases[0]) {
          cmdName = cmdName + "|" + cmd._aliases[0];
        }
        let ancestorCmdNames = "";
        for (let ancestorCmd = cmd.parent; ancestorCmd; ancestorCmd = ancestorCmd.parent) {
          ancestorCmdNames = ancestorCmd.name() + " " + ancestorCmdNames;
        }
        return ancestorCmdNames + cmdName + " " + cmd.usage();
      }
      /**
       * Get the description for the command.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      commandDescription(cmd) {
        return cmd.description();
      }
      /**
       * Get the subcommand summary to show in the list of subcommands.
       * (Fallback to description for backwards compatibility.)
       *
       * @param {Command} cmd
       * @returns {string}
       */
      subcommandDescription(cmd) {
        return cmd.summary() || cmd.description();
      }
      /**
       * Get the option description to show in the list of options.
       *
       * @param {Option} option
       * @return {string}
       */
      optionDescription(option) {
        const extraInfo = [];
        if (option.argChoices) {
          extraInfo.push(
            // use stringify to match the display of the default value
            `choices: ${option.argChoices.map((choice) => JSON.stringify(choice)).join(", ")}`
          );
        }
        if (option.defaultValue !== void 0) {
          const showDefault = option.required || option.optional || option.isBoolean() && typeof option.defaultValue === "boolean";
          if (showDefault) {
            extraInfo.push(
              `default: ${option.defaultValueDescription || JSON.stringify(option.defaultValue)}`
            );
          }
        }
        if (option.presetArg !== void 0 && option.optional) {
          extraInfo.push(`preset: ${JSON.stringify(option.presetArg)}`);
        }
        if (option.envVar !== void 0) {
          extraInfo.push(`env: ${option.envVar}`);
        }
        if (extraInfo.length > 0) {
          const extraDescription = `(${extraInfo.join(", ")})`;
          if (option.description) {
            return `${option.description} ${extraDescription}`;
          }
          return extraDescription;
        }
        return option.description;
      }
      /**
       * Get the argument description to show in the list of arguments.
       *
       * @param {Argument} argument
       * @return {string}
       */
      argumentDescription(argument) {
        const extraInfo = [];
        if (argument.argChoices) {
          extraInfo.push(
            // use stringify to match the display of the default value
            `choices: ${argument.argChoices.map((choice) => JSON.stringify(choice)).join(", ")}`
          );
        }
        if (argument.defaultValue !== void 0) {
          extraInfo.push(
            `default: ${argument.defaultValueDescription || JSON.stringify(argument.defaultValue)}`
          );
        }
        if (extraInfo.length > 0) {
          const extraDescription = `(${extraInfo.join(", ")})`;
          if (argument.description) {
            return `${argument.description} ${extraDescription}`;
          }
          return extraDescription;
        }
        return argument.description;
      }
      /**
       * Format a list of items, given a heading and an array of formatted items.
       *
       * @param {string} heading
       * @param {string[]} items
       * @param {Help} helper
       * @returns string[]
       */
      formatItemList(heading, items, helper) {
        if (items.length === 0) return [];
        return [helper.styleTitle(heading), ...items, ""];
      }
      /**
       * Group items by their help group heading.
       *
       * @param {Command[] | Option[]} unsortedItems
       * @param {Command[] | Option[]} visibleItems
       * @param {Function} getGroup
       * @returns {Map<string, Command[] | Option[]>}
       */
      groupItems(unsortedItems, visibleItems, getGroup) {
        const result = /* @__PURE__ */ new Map();
        unsortedItems.forEach((item) => {
          const group = getGroup(item);
          if (!result.has(group)) result.set(group, []);
        });
        visibleItems.forEach((item) => {
          const group = getGroup(item);
          if (!result.has(group)) {
            result.set(group, []);
          }
          result.get(group).push(item);
        });
        return result;
      }
      /**
       * Generate the built-in help text.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {string}
       */
      formatHelp(cmd, helper) {
        const termWidth = helper.padWidth(cmd, helper);
        const helpWidth = helper.helpWidth ?? 80;
        function callFormatItem(term, description) {
          return helper.formatItem(term, termWidth, description, helper);
        }
        let output = [
          `${helper.styleTitle("Usage:")} ${helper.styleUsage(helper.commandUsage(cmd))}`,
          ""
        ];
        const commandDescription = helper.commandDescription(cmd);
        if (commandDescription.length > 0) {
          output = output.concat([
            helper.boxWrap(
              helper.styleCommandDescription(commandDescription),
              helpWidth
            ),
            ""
          ]);
        }
        const argumentList = helper.visibleArguments(cmd).map((argument) => {
          return callFormatItem(
            helper.styleArgumentTerm(helper.argumentTerm(argument)),
            helper.styleArgumentDescription(helper.argumentDescription(argument))
          );
        });
        output = output.concat(
          this.formatItemList("Arguments:", argumentList, helper)
        );
        const optionGroups = this.groupItems(
          cmd.options,
          helper.visibleOptions(cmd),
          (option) => option.helpGroupHeading ?? "Options:"
        );
        optionGroups.forEach((options, group) => {
          const optionList = options.map((option) => {
            return callFormatItem(
              helper.styleOptionTerm(helper.optionTerm(option)),
              helper.styleOptionDescription(helper.optionDescription(option))
            );
          });
          output = output.concat(this.formatItemList(group, optionList, helper));
        });
        if (helper.showGlobalOptions) {
          const globalOptionList = helper.visibleGlobalOptions(cmd).map((option) => {
            return callFormatItem(
              helper.styleOptionTerm(helper.optionTerm(option)),
              helper.styleOptionDescription(helper.optionDescription(option))
            );
          });
          output = output.concat(
            this.formatItemList("Global Options:", globalOptionList, helper)
          );
        }
        const commandGroups = this.groupItems(
          cmd.commands,
          helper.visibleCommands(cmd),
          (sub) => sub.helpGroup() || "Commands:"
        );
        commandGroups.forEach((commands, group) => {
          const commandList = commands.map((sub) => {
            return callFormatItem(
              helper.styleSubcommandTerm(helper.subcommandTerm(sub)),
              helper.styleSubcommandDescription(helper.subcommandDescription(sub))
            );
          });
          output = output.concat(this.formatItemList(group, commandList, helper));
        });
        return output.join("\n");
      }
      /**
       * Return display width of string, ignoring ANSI escape sequences. Used in padding and wrapping calculations.
       *
       * @param {string} str
       * @returns {number}
       */
      displayWidth(str2) {
        return stripColor(str2).length;
      }
      /**
       * Style the title for displaying in the help. Called with 'Usage:', 'Options:', etc.
       *
       * @param {string} str
       * @returns {string}
       */
      styleTitle(str2) {
        return str2;
      }
      styleUsage(str2) {
        return str2.split(" ").map((word) => {
          if (word === "[options]") return this.styleOptionText(word);
          if (word === "[command]") return this.styleSubcommandText(word);
          if (word[0] === "[" || word[0] === "<")
            return this.styleArgumentText(word);
          return this.styleCommandText(word);
        }).join(" ");
      }
      styleCommandDescription(str2) {
        return this.styleDescriptionText(str2);
      }
      styleOptionDescription(str2) {
        return this.styleDescriptionText(str2);
      }
      styleSubcommandDescription(str2) {
        return this.styleDescriptionText(str2);
      }
      styleArgumentDescription(str2) {
        return this.styleDescriptionText(str2);
      }
      styleDescriptionText(str2) {
        return str2;
      }
      styleOptionTerm(str2) {
        return this.styleOptionText(str2);
      }
      styleSubcommandTerm(str2) {
        return str2.split(" ").map((word) => {
          if (word === "[options]") return this.styleOptionText(word);
          if (word[0] === "[" || word[0] === "<")
            return this.styleArgumentText(word);
          return this.styleSubcommandText(word);
        }).join(" ");
      }
      styleArgumentTerm(str2) {
        return this.styleArgumentText(str2);
      }
      styleOptionText(str2) {
        return str2;
      }
      styleArgumentText(str2) {
        return str2;
      }
      styleSubcommandText(str2) {
        return str2;
      }
      styleCommandText(str2) {
        return str2;
      }
      /**
       * Calculate the pad width from the maximum term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      padWidth(cmd, helper) {
        return Math.max(
          helper.longestOptionTermLength(cmd, helper),
          helper.longestGlobalOptionTermLength(cmd, helper),
          helper.longestSubcommandTermLength(cmd, helper),
          helper.longestArgumentTermLength(cmd, helper)
        );
      }
      /**
       * Detect manually wrapped and indented strings by checking for line break followed by whitespace.
       *
       * @param {string} str
       * @returns {boolean}
       */
      preformatted(str2) {
        return /\n[^\S\r\n]/.test(str2);
      }
      /**
       * Format the "item", which consists of a term and description. Pad the term and wrap the description, indenting the following lines.
       *
       * So "TTT", 5, "DDD DDDD DD DDD" might be formatted for this.helpWidth=17 like so:
       *   TTT  DDD DDDD
       *        DD DDD
       *
       * @param {string} term
       * @param {number} termWidth
       * @param {string} description
       * @param {Help} helper
       * @returns {string}
       */
      formatItem(term, termWidth, description, helper) {
        const itemIndent = 2;
        const itemIndentStr = " ".repeat(itemIndent);
        if (!description) return itemIndentStr + term;
        const paddedTerm = term.padEnd(
          termWidth + term.length - helper.displayWidth(term)
        );
        const spacerWidth = 2;
        const helpWidth = this.helpWidth ?? 80;
        const remainingWidth = helpWidth - termWidth - spacerWidth - itemIndent;
        let formattedDescription;
        if (remainingWidth < this.minWidthToWrap || helper.preformatted(description)) {
          formattedDescription = description;
        } else {
          const wrappedDescription = helper.boxWrap(description, remainingWidth);
          formattedDescription = wrappedDescription.replace(
            /\n/g,
            "\n" + " ".repeat(termWidth + spacerWidth)
          );
        }
        return itemIndentStr + paddedTerm + " ".repeat(spacerWidth) + formattedDescription.replace(/\n/g, `
${itemIndentStr}`);
      }
      /**
       * Wrap a string at whitespace, preserving existing line breaks.
       * Wrapping is skipped if the width is less than `minWidthToWrap`.
       *
       * @param {string} str
       * @param {number} width
       * @returns {string}
       */
      boxWrap(str2, width) {
        if (width < this.minWidthToWrap) return str2;
        const rawLines = str2.split(/\r\n|\n/);
        const chunkPattern = /[\s]*[^\s]+/g;
        const wrappedLines = [];
        rawLines.forEach((line) => {
          const chunks = line.match(chunkPattern);
          if (chunks === null) {
            wrappedLines.push("");
            return;
          }
          let sumChunks = [chunks.shift()];
          let sumWidth = this.displayWidth(sumChunks[0]);
          chunks.forEach((chunk) => {
            const visibleWidth = this.displayWidth(chunk);
            if (sumWidth + visibleWidth <= width) {
              sumChunks.push(chunk);
              sumWidth += visibleWidth;
              return;
            }
            wrappedLines.push(sumChunks.join(""));
            const nextChunk = chunk.trimStart();
            sumChunks = [nextChunk];
            sumWidth = this.displayWidth(nextChunk);
          });
          wrappedLines.push(sumChunks.join(""));
        });
        return wrappedLines.join("\n");
      }
    };
    function stripColor(str2) {
      const sgrPattern = /\x1b\[\d*(;\d*)*m/g;
      return str2.replace(sgrPattern, "");
    }
    exports.Help = Help2;
    exports.stripColor = stripColor;
  }
});

// node_modules/commander/lib/option.js
var require_option = __commonJS({
  "node_modules/commander/lib/option.js"(exports) {
    var { InvalidArgumentError: InvalidArgumentError2 } = require_error();
    var Option2 = class {
      /**
       * Initialize a new `Option` with the given `flags` and `description`.
       *
       * @param {string} flags
       * @param {string} [description]
       */
      constructor(flags, description) {
        this.flags = flags;
        this.description = description || "";
        this.required = flags.includes("<");
        this.optional = flags.includes("[");
        this.variadic = /\w\.\.\.[>\]]$/.test(flags);
        this.mandatory = false;
        const optionFlags = splitOptionFlags(flags);
        this.short = optionFlags.shortFlag;
        this.long = optionFlags.longFlag;
        this.negate = false;
        if (this.long) {
          this.negate = this.long.startsWith("--no-");
        }
        this.defaultValue = void 0;
        this.defaultValueDescription = void 0;
        this.presetArg = void 0;
        this.envVar = void 0;
        this.parseArg = void 0;
        this.hidden = false;
        this.argChoices = void 0;
        this.conflictsWith = [];
        this.implied = void 0;
        this.helpGroupHeading = void 0;
      }
      /**
       * Set the default value, and optionally supply the description to be displayed in the help.
       *
       * @param {*} value
       * @param {string} [description]
       * @return {Option}
       */
      default(value, description) {
        this.defaultValue = value;
        this.defaultValueDescription = description;
        return this;
      }
      /**
       * Preset to use when option used without option-argument, especially optional but also boolean and negated.
       * The custom processing (parseArg) is called.
       *
       * @example
       * new Option('--color').default('GREYSCALE').preset('RGB');
       * new Option('--donate [amount]').preset('20').argParser(parseFloat);
       *
       * @param {*} arg
       * @return {Option}
       */
      preset(arg) {
        this.presetArg = arg;
        return this;
      }
      /**
       * Add option name(s) that conflict with this option.
       * An error will be displayed if conflicting options are found during parsing.
       *
       * @example
       * new Option('--rgb').conflicts('cmyk');
       * new Option('--js').conflicts(['ts', 'jsx']);
       *
       * @param {(string | string[])} names
       * @return {Option}
       */
      conflicts(names) {
        this.conflictsWith = this.conflictsWith.concat(names);
        return this;
      }
      /**
       * Specify implied option values for when this option is set and the implied options are not.
       *
       * The custom processing (parseArg) is not called on the implied values.
       *
       * @example
       * program
       *   .addOption(new Option('--log', 'write logging information to file'))
       *   .addOption(new Option('--trace', 'log extra details').implies({ log: 'trace.txt' }));
       *
       * @param {object} impliedOptionValues
       * @return {Option}
       */
      implies(impliedOptionValues) {
        let newImplied = impliedOptionValues;
        if (typeof impliedOptionValues === "string") {
          newImplied = { [impliedOptionValues]: true };
        }
        this.implied = Object.assign(this.implied || {}, newImplied);
        return this;
      }
      /**
       * Set environment variable to check for option value.
       *
       * An environment variable is only used if when processed the current option value is
       * undefined, or the source of the current value is 'default' or 'config' or 'env'.
       *
       * @param {string} name
       * @return {Option}
       */
      env(name) {
        this.envVar = name;
        return this;
      }
      /**
       * Set the custom handler for processing CLI option arguments into option values.
       *
       * @param {Function} [fn]
       * @return {Option}
       */
      argParser(fn) {
        this.parseArg = fn;
        return this;
      }
      /**
       * Whether the option is mandatory and must have a value after parsing.
       *
       * @param {boolean} [mandatory=true]
       * @return {Option}
       */
      makeOptionMandatory(mandatory = true) {
        this.mandatory = !!mandatory;
        return this;
      }
      /**
       * Hide option in help.
       *
       * @param {boolean} [hide=true]
       * @return {Option}
       */
      hideHelp(hide = true) {
        this.hidden = !!hide;
        return this;
      }
      /**
       * @package
       */
      _collectValue(value, previous) {
        if (previous === this.defaultValue || !Array.isArray(previous)) {
          return [value];
        }
        previous.push(value);
        return previous;
      }
      /**
       * Only allow option value to be one of choices.
       *
       * @param {string[]} values
       * @return {Option}
       */
      choices(values) {
        this.argChoices = values.slice();
        this.parseArg = (arg, previous) => {
          if (!this.argChoices.includes(arg)) {
            throw new InvalidArgumentError2(
              `Allowed choices are ${this.argChoices.join(", ")}.`
            );
          }
          if (this.variadic) {
            return this._collectValue(arg, previous);
          }
          return arg;
        };
        return this;
      }
      /**
       * Return option name.
       *
       * @return {string}
       */
      name() {
        if (this.long) {
          return this.long.replace(/^--/, "");
        }
        return this.short.replace(/^-/, "");
      }
      /**
       * Return option name, in a camelcase format that can be used
       * as an object attribute key.
       *
       * @return {string}
       */
      attributeName() {
        if (this.negate) {
          return camelcase(this.name().replace(/^no-/, ""));
        }
        return camelcase(this.name());
      }
      /**
       * Set the help group heading.
       *
       * @param {string} heading
       * @return {Option}
       */
      helpGroup(heading) {
        this.helpGroupHeading = heading;
        return this;
      }
      /**
       * Check if `arg` matches the short or long flag.
       *
       * @param {string} arg
       * @return {boolean}
       * @package
       */
      is(arg) {
        return this.short === arg || this.long === arg;
      }
      /**
       * Return whether a boolean option.
       *
       * Options are one of boolean, negated, required argument, or optional argument.
       *
       * @return {boolean}
       * @package
       */
      isBoolean() {
        return !this.required && !this.optional && !this.negate;
      }
    };
    var DualOptions = class {
      /**
       * @param {Option[]} options
       */
      constructor(options) {
        this.positiveOptions = /* @__PURE__ */ new Map();
        this.negativeOptions = /* @__PURE__ */ new Map();
        this.dualOptions = /* @__PURE__ */ new Set();
        options.forEach((option) => {
          if (option.negate) {
            this.negativeOptions.set(option.attributeName(), option);
          } else {
            this.positiveOptions.set(option.attributeName(), option);
          }
        });
        this.negativeOptions.forEach((value, key) => {
          if (this.positiveOptions.has(key)) {
            this.dualOptions.add(key);
          }
        });
      }
      /**
       * Did the value come from the option, and not from possible matching dual option?
       *
       * @param {*} value
       * @param {Option} option
       * @returns {boolean}
       */
      valueFromOption(value, option) {
        const optionKey = option.attributeName();
        if (!this.dualOptions.has(optionKey)) return true;
        const preset = this.negativeOptions.get(optionKey).presetArg;
        const negativeValue = preset !== void 0 ? preset : false;
        return option.negate === (negativeValue === value);
      }
    };
    function camelcase(str2) {
      return str2.split("-").reduce((str3, word) => {
        return str3 + word[0].toUpperCase() + word.slice(1);
      });
    }
    function splitOptionFlags(flags) {
      let shortFlag;
      let longFlag;
      const shortFlagExp = /^-[^-]$/;
      const longFlagExp = /^--[^-]/;
      const flagParts = flags.split(/[ |,]+/).concat("guard");
      if (shortFlagExp.test(flagParts[0])) shortFlag = flagParts.shift();
      if (longFlagExp.test(flagParts[0])) longFlag = flagParts.shift();
      if (!shortFlag && shortFlagExp.test(flagParts[0]))
        shortFlag = flagParts.shift();
      if (!shortFlag && longFlagExp.test(flagParts[0])) {
        shortFlag = longFlag;
        longFlag = flagParts.shift();
      }
      if (flagParts[0].startsWith("-")) {
        const unsupportedFlag = flagParts[0];
        const baseError = `option creation failed due to '${unsupportedFlag}' in option flags '${flags}'`;
        if (/^-[^-][^-]/.test(unsupportedFlag))
          throw new Error(
            `${baseError}
- a short flag is a single dash and a single character
  - either use a single dash and a single character (for a short flag)
  - or use a double dash for a long option (and can have two, like '--ws, --workspace')`
          );
        if (shortFlagExp.test(unsupportedFlag))
          throw new Error(`${baseError}
- too many short flags`);
        if (longFlagExp.test(unsupportedFlag))
          throw new Error(`${baseError}
- too many long flags`);
        throw new Error(`${baseError}
- unrecognised flag format`);
      }
      if (shortFlag === void 0 && longFlag === void 0)
        throw new Error(
          `option creation failed due to no flags found in '${flags}'.`
        );
      return { shortFlag, longFlag };
    }
    exports.Option = Option2;
    exports.DualOptions = DualOptions;
  }
});

// node_modules/commander/lib/suggestSimilar.js
var require_suggestSimilar = __commonJS({
  "node_modules/commander/lib/suggestSimilar.js"(exports) {
    var maxDistance = 3;
    function editDistance(a, b) {
      if (Math.abs(a.length - b.length) > maxDistance)
        return Math.max(a.length, b.length);
      const d = [];
      for (let i = 0; i <= a.length; i++) {
        d[i] = [i];
      }
      for (let j = 0; j <= b.length; j++) {
        d[0][j] = j;
      }
      for (let j = 1; j <= b.length; j++) {
        for (let i = 1; i <= a.length; i++) {
          let cost = 1;
          if (a[i - 1] === b[j - 1]) {
            cost = 0;
          } else {
            cost = 1;
          }
          d[i][j] = Math.min(
            d[i - 1][j] + 1,
            // deletion
            d[i][j - 1] + 1,
            // insertion
            d[i - 1][j - 1] + cost
            // substitution
          );
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
            d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
          }
        }
      }
      return d[a.length][b.length];
    }
    function suggestSimilar(word, candidates) {
      if (!candidates || candidates.length === 0) return "";
      candidates = Array.from(new Set(candidates));
      const searchingOptions = word.startsWith("--");
      if (searchingOptions) {
        word = word.slice(2);
        candidates = candidates.map((candidate) => candidate.slice(2));
      }
      let similar = [];
      let bestDistance = maxDistance;
      const minSimilarity = 0.4;
      candidates.forEach((candidate) => {
        if (candidate.length <= 1) return;
        const distance = editDistance(word, candidate);
        const length = Math.max(word.length, candidate.length);
        const similarity = (length - distance) / length;
        if (similarity > minSimilarity) {
          if (distance < bestDistance) {
            bestDistance = distance;
            similar = [candidate];
          } else if (distance === bestDistance) {
            similar.push(candidate);
          }
        }
      });
      similar.sort((a, b) => a.localeCompare(b));
      if (searchingOptions) {
        similar = similar.map((candidate) => `--${candidate}`);
      }
      if (similar.length > 1) {
        return `
(Did you mean one of ${similar.join(", ")}?)`;
      }
      if (similar.length === 1) {
        return `
(Did you mean ${similar[0]}?)`;
      }
      return "";
    }
    exports.suggestSimilar = suggestSimilar;
  }
});

// node_modules/commander/lib/command.js
var require_command = __commonJS({
  "node_modules/commander/lib/command.js"(exports) {
    var EventEmitter = __require("node:events").EventEmitter;
    var childProcess = __require("node:child_process");
    var path = __require("node:path");
    var fs = __require("node:fs");
    var process2 = __require("node:process");
    var { Argument: Argument2, humanReadableArgName } = require_argument();
    var { CommanderError: CommanderError2 } = require_error();
    var { Help: Help2, stripColor } = require_help();
    var { Option: Option2, DualOptions } = require_option();
    var { suggestSimilar } = require_suggestSimilar();
    var Command2 = class _Command extends EventEmitter {
      /**
       * Initialize a new `Command`.
       *
       * @param {string} [name]
       */
      constructor(name) {
        super();
        this.commands = [];
        this.options = [];
        this.parent = null;
        this._allowUnknownOption = false;
        this._allowExcessArguments = false;
        this.registeredArguments = [];
        this._args = this.registeredArguments;
        this.args = [];
        this.rawArgs = [];
        this.processedArgs = [];
        this._scriptPath = null;
        this._name = name || "";
        this._optionValues = {};
        this._optionValueSources = {};
        this._storeOptionsAsProperties = false;
        this._actionHandler = null;
        this._executableHandler = false;
        this._executableFile = null;
        this._executableDir = null;
        this._defaultCommandName = null;
        this._exitCallback = null;
        this._aliases = [];
        this._combineFlagAndOptionalValue = true;
        this._description = "";
        this._summary = "";
        this._argsDescription = void 0;
        this._enablePositionalOptions = false;
        this._passThroughOptions = false;
        this._lifeCycleHooks = {};
        this._showHelpAfterError = false;
        this._showSuggestionAfterError = true;
        this._savedState = null;
        this._outputConfiguration = {
          writeOut: (str2) => process2.stdout.write(str2),
          writeErr: (str2) => process2.stderr.write(str2),
          outputError: (str2, write) => write(str2),
          getOutHelpWidth: () => process2.stdout.isTTY ? process2.stdout.columns : void 0,
          getErrHelpWidth: () => process2.stderr.isTTY ? process2.stderr.columns : void 0,
          getOutHasColors: () => useColor() ?? (process2.stdout.isTTY && process2.stdout.hasColors?.()),
          getErrHasColors: () => useColor() ?? (process2.stderr.isTTY && process2.stderr.hasColors?.()),
          stripColor: (str2) => stripColor(str2)
        };
        this._hidden = false;
        this._helpOption = void 0;
        this._addImplicitHelpCommand = void 0;
        this._helpCommand = void 0;
        this._helpConfiguration = {};
        this._helpGroupHeading = void 0;
        this._defaultCommandGroup = void 0;
        this._defaultOptionGroup = void 0;
      }
      /**
       * Copy settings that are useful to have in common across root command and subcommands.
       *
       * (Used internally when adding a command using `.command()` so subcommands inherit parent settings.)
       *
       * @param {Command} sourceCommand
       * @return {Command} `this` command for chaining
       */
      copyInheritedSettings(sourceCommand) {
        this._outputConfiguration = sourceCommand._outputConfiguration;
        this._helpOption = sourceCommand._helpOption;
        this._helpCommand = sourceCommand._helpCommand;
        this._helpConfiguration = sourceCommand._helpConfiguration;
        this._exitCallback = sourceCommand._exitCallback;
        this._storeOptionsAsProperties = sourceCommand._storeOptionsAsProperties;
        this._combineFlagAndOptionalValue = sourceCommand._combineFlagAndOptionalValue;
        this._allowExcessArguments = sourceCommand._allowExcessArguments;
        this._enablePositionalOptions = sourceCommand._enablePositionalOptions;
        this._showHelpAfterError = sourceCommand._showHelpAfterError;
        this._showSuggestionAfterError = sourceCommand._showSuggestionAfterError;
        return this;
      }
      /**
       * @returns {Command[]}
       * @private
       */
      _getCommandAndAncestors() {
        const result = [];
        for (let command = this; command; command = command.parent) {
          result.push(command);
        }
        return result;
      }
      /**
       * Define a command.
       *
       * There are two styles of command: pay attention to where to put the description.
       *
       * @example
       * // Command implemented using action handler (description is supplied separately to `.command`)
       * program
       *   .command('clone <source> [destination]')
       *   .description('clone a repository into a newly created directory')
       *   .action((source, destination) => {
       *     console.log('clone command called');
       *   });
       *
       * // Command implemented using separate executable file (description is second parameter to `.command`)
       * program
       *   .command('start <service>', 'start named service')
       *   .command('stop [service]', 'stop named service, or all if no name supplied');
       *
       * @param {string} nameAndArgs - command name and arguments, args are `<required>` or `[optional]` and last may also be `variadic...`
       * @param {(object | string)} [actionOptsOrExecDesc] - configuration options (for action), or description (for executable)
       * @param {object} [execOpts] - configuration options (for executable)
       * @return {Command} returns new command for action handler, or `this` for executable command
       */
      command(nameAndArgs, actionOptsOrExecDesc, execOpts) {
        let desc = actionOptsOrExecDesc;
        let opts = execOpts;
        if (typeof desc === "object" && desc !== null) {
          opts = desc;
          desc = null;
        }
        opts = opts || {};
        const [, name, args] = nameAndArgs.match(/([^ ]+) *(.*)/);
        const cmd = this.createCommand(name);
        if (desc) {
          cmd.description(desc);
          cmd._executableHandler = true;
        }
        if (opts.isDefault) this._defaultCommandName = cmd._name;
        cmd._hidden = !!(opts.noHelp || opts.hidden);
        cmd._executableFile = opts.executableFile || null;
        if (args) cmd.arguments(args);
        this._registerCommand(cmd);
        cmd.parent = this;
        cmd.copyInheritedSettings(this);
        if (desc) return this;
        return cmd;
      }
      /**
       * Factory routine to create a new unattached command.
       *
       * See .command() for creating an attached subcommand, which uses this routine to
       * create the command. You can override createCommand to customise subcommands.
       *
       * @param {string} [name]
       * @return {Command} new command
       */
      createCommand(name) {
        return new _Command(name);
      }
      /**
       * You can customise the help with a subclass of Help by overriding createHelp,
       * or by overriding Help properties using configureHelp().
       *
       * @return {Help}
       */
      createHelp() {
        return Object.assign(new Help2(), this.configureHelp());
      }
      /**
       * You can customise the help by overriding Help properties using configureHelp(),
       * or with a subclass of Help by overriding createHelp().
       *
       * @param {object} [configuration] - configuration options
       * @return {(Command | object)} `this` command for chaining, or stored configuration
       */
      configureHelp(configuration) {
        if (configuration === void 0) return this._helpConfiguration;
        this._helpConfiguration = configuration;
        return this;
      }
      /**
       * The default output goes to stdout and stderr. You can customise this for special
       * applications. You can also customise the display of errors by overriding outputError.
       *
       * The configuration properties are all functions:
       *
       *     // change how output being written, defaults to stdout and stderr
       *     writeOut(str)
       *     writeErr(str)
       *     // change how output being written for errors, defaults to writeErr
       *     outputError(str, write) // used for displaying errors and not used for displaying help
       *     // specify width for wrapping help
       *     getOutHelpWidth()
       *     getErrHelpWidth()
       *     // color support, currently only used with Help
       *     getOutHasColors()
       *     getErrHasColors()
       *     stripColor() // used to remove ANSI escape codes if output does not have colors
       *
       * @param {object} [configuration] - configuration options
       * @return {(Command | object)} `this` command for chaining, or stored configuration
       */
      configureOutput(configuration) {
        if (configuration === void 0) return this._outputConfiguration;
        this._outputConfiguration = {
          ...this._outputConfiguration,
          ...configuration
        };
        return this;
      }
      /**
       * Display the help or a custom message after an error occurs.
       *
       * @param {(boolean|string)} [displayHelp]
       * @return {Command} `this` command for chaining
       */
      showHelpAfterError(displayHelp = true) {
        if (typeof displayHelp !== "string") displayHelp = !!displayHelp;
        this._showHelpAfterError = displayHelp;
        return this;
      }
      /**
       * Display suggestion of similar commands for unknown commands, or options for unknown options.
       *
       * @param {boolean} [displaySuggestion]
       * @return {Command} `this` command for chaining
       */
      showSuggestionAfterError(displaySuggestion = true) {
        this._showSuggestionAfterError = !!displaySuggestion;
        return this;
      }
      /**
       * Add a prepared subcommand.
       *
       * See .command() for creating an attached subcommand which inherits settings from its parent.
       *
       * @param {Command} cmd - new subcommand
       * @param {object} [opts] - configuration options
       * @return {Command} `this` command for chaining
       */
      addCommand(cmd, opts) {
        if (!cmd._name) {
          throw new Error(`Command passed to .addCommand() must have a name
- specify the name in Command constructor or using .name()`);
        }
        opts = opts || {};
        if (opts.isDefault) this._defaultCommandName = cmd._name;
        if (opts.noHelp || opts.hidden) cmd._hidden = true;
        this._registerCommand(cmd);
        cmd.parent = this;
        cmd._checkForBrokenPassThrough();
        return this;
      }
      /**
       * Factory routine to create a new unattached argument.
       *
       * See .argument() for creating an attached argument, which uses this routine to
       * create the argument. You can override createArgument to return a custom argument.
       *
       * @param {string} name
       * @param {string} [description]
       * @return {Argument} new argument
       */
      createArgument(name, description) {
        return new Argument2(name, description);
      }
      /**
       * Define argument syntax for command.
       *
       * The default is that the argument is required, and you can explicitly
       * indicate this with <> around the name. Put [] around the name for an optional argument.
       *
       * @example
       * program.argument('<input-file>');
       * program.argument('[output-file]');
       *
       * @param {string} name
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom argument processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      argument(name, description, parseArg, defaultValue) {
        const argument = this.createArgument(name, description);
        if (typeof parseArg === "function") {
          argument.default(defaultValue).argParser(parseArg);
        } else {
          argument.default(parseArg);
        }
        this.addArgument(argument);
        return this;
      }
      /**
       * Define argument syntax for command, adding multiple at once (without descriptions).
       *
       * See also .argument().
       *
       * @example
       * program.arguments('<cmd> [env]');
       *
       * @param {string} names
       * @return {Command} `this` command for chaining
       */
      arguments(names) {
        names.trim().split(/ +/).forEach((detail) => {
          this.argument(detail);
        });
        return this;
      }
      /**
       * Define argument syntax for command, adding a prepared argument.
       *
       * @param {Argument} argument
       * @return {Command} `this` command for chaining
       */
      addArgument(argument) {
        const previousArgument = this.registeredArguments.slice(-1)[0];
        if (previousArgument?.variadic) {
          throw new Error(
            `only the last argument can be variadic '${previousArgument.name()}'`
          );
        }
        if (argument.required && argument.defaultValue !== void 0 && argument.parseArg === void 0) {
          throw new Error(
            `a default value for a required argument is never used: '${argument.name()}'`
          );
        }
        this.registeredArguments.push(argument);
        return this;
      }
      /**
       * Customise or override default help command. By default a help command is automatically added if your command has subcommands.
       *
       * @example
       *    program.helpCommand('help [cmd]');
       *    program.helpCommand('help [cmd]', 'show help');
       *    program.helpCommand(false); // suppress default help command
       *    program.helpCommand(true); // add help command even if no subcommands
       *
       * @param {string|boolean} enableOrNameAndArgs - enable with custom name and/or arguments, or boolean to override whether added
       * @param {string} [description] - custom description
       * @return {Command} `this` command for chaining
       */
      helpCommand(enableOrNameAndArgs, description) {
        if (typeof enableOrNameAndArgs === "boolean") {
          this._addImplicitHelpCommand = enableOrNameAndArgs;
          if (enableOrNameAndArgs && this._defaultCommandGroup) {
            this._initCommandGroup(this._getHelpCommand());
          }
          return this;
        }
        const nameAndArgs = enableOrNameAndArgs ?? "help [command]";
        const [, helpName, helpArgs] = nameAndArgs.match(/([^ ]+) *(.*)/);
        const helpDescription = description ?? "display help for command";
        const helpCommand = this.createCommand(helpName);
        helpCommand.helpOption(false);
        if (helpArgs) helpCommand.arguments(helpArgs);
        if (helpDescription) helpCommand.description(helpDescription);
        this._addImplicitHelpCommand = true;
        this._helpCommand = helpCommand;
        if (enableOrNameAndArgs || description) this._initCommandGroup(helpCommand);
        return this;
      }
      /**
       * Add prepared custom help command.
       *
       * @param {(Command|string|boolean)} helpCommand - custom help command, or deprecated enableOrNameAndArgs as for `.helpCommand()`
       * @param {string} [deprecatedDescription] - deprecated custom description used with custom name only
       * @return {Command} `this` command for chaining
       */
      addHelpCommand(helpCommand, deprecatedDescription) {
        if (typeof helpCommand !== "object") {
          this.helpCommand(helpCommand, deprecatedDescription);
          return this;
        }
        this._addImplicitHelpCommand = true;
        this._helpCommand = helpCommand;
        this._initCommandGroup(helpCommand);
        return this;
      }
      /**
       * Lazy create help command.
       *
       * @return {(Command|null)}
       * @package
       */
      _getHelpCommand() {
        const hasImplicitHelpCommand = this._addImplicitHelpCommand ?? (this.commands.length && !this._actionHandler && !this._findCommand("help"));
        if (hasImplicitHelpCommand) {
          if (this._helpCommand === void 0) {
            this.helpCommand(void 0, void 0);
          }
          return this._helpCommand;
        }
        return null;
      }
      /**
       * Add hook for life cycle event.
       *
       * @param {string} event
       * @param {Function} listener
       * @return {Command} `this` command for chaining
       */
      hook(event, listener) {
        const allowedValues = ["preSubcommand", "preAction", "postAction"];
        if (!allowedValues.includes(event)) {
          throw new Error(`Unexpected value for event passed to hook : '${event}'.
Expecting one of '${allowedValues.join("', '")}'`);
        }
        if (this._lifeCycleHooks[event]) {
          this._lifeCycleHooks[event].push(listener);
        } else {
          this._lifeCycleHooks[event] = [listener];
        }
        return this;
      }
      /**
       * Register callback to use as replacement for calling process.exit.
       *
       * @param {Function} [fn] optional callback which will be passed a CommanderError, defaults to throwing
       * @return {Command} `this` command for chaining
       */
      exitOverride(fn) {
        if (fn) {
          this._exitCallback = fn;
        } else {
          this._exitCallback = (err) => {
            if (err.code !== "commander.executeSubCommandAsync") {
              throw err;
            } else {
            }
          };
        }
        return this;
      }
      /**
       * Call process.exit, and _exitCallback if defined.
       *
       * @param {number} exitCode exit code for using with process.exit
       * @param {string} code an id string representing the error
       * @param {string} message human-readable description of the error
       * @return never
       * @private
       */
      _exit(exitCode, code, message) {
        if (this._exitCallback) {
          this._exitCallback(new CommanderError2(exitCode, code, message));
        }
        process2.exit(exitCode);
      }
      /**
       * Register callback `fn` for the command.
       *
       * @example
       * program
       *   .command('serve')
       *   .description('start service')
       *   .action(function() {
       *      // do work here
       *   });
       *
       * @param {Function} fn
       * @return {Command} `this` command for chaining
       */
      action(fn) {
        const listener = (args) => {
          const expectedArgsCount = this.registeredArguments.length;
          const actionArgs = args.slice(0, expectedArgsCount);
          if (this._storeOptionsAsProperties) {
            actionArgs[expectedArgsCount] = this;
          } else {
            actionArgs[expectedArgsCount] = this.opts();
          }
          actionArgs.push(this);
          return fn.apply(this, actionArgs);
        };
        this._actionHandler = listener;
        return this;
      }
      /**
       * Factory routine to create a new unattached option.
       *
       * See .option() for creating an attached option, which uses this routine to
       * create the option. You can override createOption to return a custom option.
       *
       * @param {string} flags
       * @param {string} [description]
       * @return {Option} new option
       */
      createOption(flags, description) {
        return new Option2(flags, description);
      }
      /**
       * Wrap parseArgs to catch 'commander.invalidArgument'.
       *
       * @param {(Option | Argument)} target
       * @param {string} value
       * @param {*} previous
       * @param {string} invalidArgumentMessage
       * @private
       */
      _callParseArg(target, value, previous, invalidArgumentMessage) {
        try {
          return target.parseArg(value, previous);
        } catch (err) {
          if (err.code === "commander.invalidArgument") {
            const message = `${invalidArgumentMessage} ${err.message}`;
            this.error(message, { exitCode: err.exitCode, code: err.code });
          }
          throw err;
        }
      }
      /**
       * Check for option flag conflicts.
       * Register option if no conflicts found, or throw on conflict.
       *
       * @param {Option} option
       * @private
       */
      _registerOption(option) {
        const matchingOption = option.short && this._findOption(option.short) || option.long && this._findOption(option.long);
        if (matchingOption) {
          const matchingFlag = option.long && this._findOption(option.long) ? option.long : option.short;
          throw new Error(`Cannot add option '${option.flags}'${this._name && ` to command '${this._name}'`} due to conflicting flag '${matchingFlag}'
-  already used by option '${matchingOption.flags}'`);
        }
        this._initOptionGroup(option);
        this.options.push(option);
      }
      /**
       * Check for command name and alias conflicts with existing commands.
       * Register command if no conflicts found, or throw on conflict.
       *
       * @param {Command} command
       * @private
       */
      _registerCommand(command) {
        const knownBy = (cmd) => {
          return [cmd.name()].concat(cmd.aliases());
        };
        const alreadyUsed = knownBy(command).find(
          (name) => this._findCommand(name)
        );
        if (alreadyUsed) {
          const existingCmd = knownBy(this._findCommand(alreadyUsed)).join("|");
          const newCmd = knownBy(command).join("|");
          throw new Error(
            `cannot add command '${newCmd}' as already have command '${existingCmd}'`
          );
        }
        this._initCommandGroup(command);
        this.commands.push(command);
      }
      /**
       * Add an option.
       *
       * @param {Option} option
       * @return {Command} `this` command for chaining
       */
      addOption(option) {
        this._registerOption(option);
        const oname = option.name();
        const name = option.attributeName();
        if (option.negate) {
          const positiveLongFlag = option.long.replace(/^--no-/, "--");
          if (!this._findOption(positiveLongFlag)) {
            this.setOptionValueWithSource(
              name,
              option.defaultValue === void 0 ? true : option.defaultValue,
              "default"
            );
          }
        } else if (option.defaultValue !== void 0) {
          this.setOptionValueWithSource(name, option.defaultValue, "default");
        }
        const handleOptionValue = (val, invalidValueMessage, valueSource) => {
          if (val == null && option.presetArg !== void 0) {
            val = option.presetArg;
          }
          const oldValue = this.getOptionValue(name);
          if (val !== null && option.parseArg) {
            val = this._callParseArg(option, val, oldValue, invalidValueMessage);
          } else if (val !== null && option.variadic) {
            val = option._collectValue(val, oldValue);
          }
          if (val == null) {
            if (option.negate) {
              val = false;
            } else if (option.isBoolean() || option.optional) {
              val = true;
            } else {
              val = "";
            }
          }
          this.setOptionValueWithSource(name, val, valueSource);
        };
        this.on("option:" + oname, (val) => {
          const invalidValueMessage = `error: option '${option.flags}' argument '${val}' is invalid.`;
          handleOptionValue(val, invalidValueMessage, "cli");
        });
        if (option.envVar) {
          this.on("optionEnv:" + oname, (val) => {
            const invalidValueMessage = `error: option '${option.flags}' value '${val}' from env '${option.envVar}' is invalid.`;
            handleOptionValue(val, invalidValueMessage, "env");
          });
        }
        return this;
      }
      /**
       * Internal implementation shared by .option() and .requiredOption()
       *
       * @return {Command} `this` command for chaining
       * @private
       */
      _optionEx(config, flags, description, fn, defaultValue) {
        if (typeof flags === "object" && flags instanceof Option2) {
          throw new Error(
            "To add an Option object use addOption() instead of option() or requiredOption()"
          );
        }
        const option = this.createOption(flags, description);
        option.makeOptionMandatory(!!config.mandatory);
        if (typeof fn === "function") {
          option.default(defaultValue).argParser(fn);
        } else if (fn instanceof RegExp) {
          const regex = fn;
          fn = (val, def) => {
            const m = regex.exec(val);
            return m ? m[0] : def;
          };
          option.default(defaultValue).argParser(fn);
        } else {
          option.default(fn);
        }
        return this.addOption(option);
      }
      /**
       * Define option with `flags`, `description`, and optional argument parsing function or `defaultValue` or both.
       *
       * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space. A required
       * option-argument is indicated by `<>` and an optional option-argument by `[]`.
       *
       * See the README for more details, and see also addOption() and requiredOption().
       *
       * @example
       * program
       *     .option('-p, --pepper', 'add pepper')
       *     .option('--pt, --pizza-type <TYPE>', 'type of pizza') // required option-argument
       *     .option('-c, --cheese [CHEESE]', 'add extra cheese', 'mozzarella') // optional option-argument with default
       *     .option('-t, --tip <VALUE>', 'add tip to purchase cost', parseFloat) // custom parse function
       *
       * @param {string} flags
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom option processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      option(flags, description, parseArg, defaultValue) {
        return this._optionEx({}, flags, description, parseArg, defaultValue);
      }
      /**
       * Add a required option which must have a value after parsing. This usually means
       * the option must be specified on the command line. (Otherwise the same as .option().)
       *
       * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space.
       *
       * @param {string} flags
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom option processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      requiredOption(flags, description, parseArg, defaultValue) {
        return this._optionEx(
          { mandatory: true },
          flags,
          description,
          parseArg,
          defaultValue
        );
      }
      /**
       * Alter parsing of short flags with optional values.
       *
       * @example
       * // for `.option('-f,--flag [value]'):
       * program.combineFlagAndOptionalValue(true);  // `-f80` is treated like `--flag=80`, this is the default behaviour
       * program.combineFlagAndOptionalValue(false) // `-fb` is treated like `-f -b`
       *
       * @param {boolean} [combine] - if `true` or omitted, an optional value can be specified directly after the flag.
       * @return {Command} `this` command for chaining
       */
      combineFlagAndOptionalValue(combine = true) {
        this._combineFlagAndOptionalValue = !!combine;
        return this;
      }
      /**
       * Allow unknown options on the command line.
       *
       * @param {boolean} [allowUnknown] - if `true` or omitted, no error will be thrown for unknown options.
       * @return {Command} `this` command for chaining
       */
      allowUnknownOption(allowUnknown = true) {
        this._allowUnknownOption = !!allowUnknown;
        return this;
      }
      /**
       * Allow excess command-arguments on the command line. Pass false to make excess arguments an error.
       *
       * @param {boolean} [allowExcess] - if `true` or omitted, no error will be thrown for excess arguments.
       * @return {Command} `this` command for chaining
       */
      allowExcessArguments(allowExcess = true) {
        this._allowExcessArguments = !!allowExcess;
        return this;
      }
      /**
       * Enable positional options. Positional means global options are specified before subcommands which lets
       * subcommands reuse the same option names, and also enables subcommands to turn on passThroughOptions.
       * The default behaviour is non-positional and global options may appear anywhere on the command line.
       *
       * @param {boolean} [positional]
       * @return {Command} `this` command for chaining
       */
      enablePositionalOptions(positional = true) {
        this._enablePositionalOptions = !!positional;
        return this;
      }
      /**
       * Pass through options that come after command-arguments rather than treat them as command-options,
       * so actual command-options come before command-arguments. Turning this on for a subcommand requires
       * positional options to have been enabled on the program (parent commands).
       * The default behaviour is non-positional and options may appear before or after command-arguments.
       *
       * @param {boolean} [passThrough] for unknown options.
       * @return {Command} `this` command for chaining
       */
      passThroughOptions(passThrough = true) {
        this._passThroughOptions = !!passThrough;
        this._checkForBrokenPassThrough();
        return this;
      }
      /**
       * @private
       */
      _checkForBrokenPassThrough() {
        if (this.parent && this._passThroughOptions && !this.parent._enablePositionalOptions) {
          throw new Error(
            `passThroughOptions cannot be used for '${this._name}' without turning on enablePositionalOptions for parent command(s)`
          );
        }
      }
      /**
       * Whether to store option values as properties on command object,
       * or store separately (specify false). In both cases the option values can be accessed using .opts().
       *
       * @param {boolean} [storeAsProperties=true]
       * @return {Command} `this` command for chaining
       */
      storeOptionsAsProperties(storeAsProperties = true) {
        if (this.options.length) {
          throw new Error("call .storeOptionsAsProperties() before adding options");
        }
        if (Object.keys(this._optionValues).length) {
          throw new Error(
            "call .storeOptionsAsProperties() before setting option values"
          );
        }
        this._storeOptionsAsProperties = !!storeAsProperties;
        return this;
      }
      /**
       * Retrieve option value.
       *
       * @param {string} key
       * @return {object} value
       */
      getOptionValue(key) {
        if (this._storeOptionsAsProperties) {
          return this[key];
        }
        return this._optionValues[key];
      }
      /**
       * Store option value.
       *
       * @param {string} key
       * @param {object} value
       * @return {Command} `this` command for chaining
       */
      setOptionValue(key, value) {
        return this.setOptionValueWithSource(key, value, void 0);
      }
      /**
       * Store option value and where the value came from.
       *
       * @param {string} key
       * @param {object} value
       * @param {string} source - expected values are default/config/env/cli/implied
       * @return {Command} `this` command for chaining
       */
      setOptionValueWithSource(key, value, source) {
        if (this._storeOptionsAsProperties) {
          this[key] = value;
        } else {
          this._optionValues[key] = value;
        }
        this._optionValueSources[key] = source;
        return this;
      }
      /**
       * Get source of option value.
       * Expected values are default | config | env | cli | implied
       *
       * @param {string} key
       * @return {string}
       */
      getOptionValueSource(key) {
        return this._optionValueSources[key];
      }
      /**
       * Get source of option value. See also .optsWithGlobals().
       * Expected values are default | config | env | cli | implied
       *
       * @param {string} key
       * @return {string}
       */
      getOptionValueSourceWithGlobals(key) {
        let source;
        this._getCommandAndAncestors().forEach((cmd) => {
          if (cmd.getOptionValueSource(key) !== void 0) {
            source = cmd.getOptionValueSource(key);
          }
        });
        return source;
      }
      /**
       * Get user arguments from implied or explicit arguments.
       * Side-effects: set _scriptPath if args included script. Used for default program name, and subcommand searches.
       *
       * @private
       */
      _prepareUserArgs(argv, parseOptions) {
        if (argv !== void 0 && !Array.isArray(argv)) {
          throw new Error("first parameter to parse must be array or undefined");
        }
        parseOptions = parseOptions || {};
        if (argv === void 0 && parseOptions.from === void 0) {
          if (process2.versions?.electron) {
            parseOptions.from = "electron";
          }
          const execArgv = process2.execArgv ?? [];
          if (execArgv.includes("-e") || execArgv.includes("--eval") || execArgv.includes("-p") || execArgv.includes("--print")) {
            parseOptions.from = "eval";
          }
        }
        if (argv === void 0) {
          argv = process2.argv;
        }
        this.rawArgs = argv.slice();
        let userArgs;
        switch (parseOptions.from) {
          case void 0:
          case "node":
            this._scriptPath = argv[1];
            userArgs = argv.slice(2);
            break;
          case "electron":
            if (process2.defaultApp) {
              this._scriptPath = argv[1];
              userArgs = argv.slice(2);
            } else {
              userArgs = argv.slice(1);
            }
            break;
          case "user":
            userArgs = argv.slice(0);
            break;
          case "eval":
            userArgs = argv.slice(1);
            break;
          default:
            throw new Error(
              `unexpected parse option { from: '${parseOptions.from}' }`
            );
        }
        if (!this._name && this._scriptPath)
          this.nameFromFilename(this._scriptPath);
        this._name = this._name || "program";
        return userArgs;
      }
      /**
       * Parse `argv`, setting options and invoking commands when defined.
       *
       * Use parseAsync instead of parse if any of your action handlers are async.
       *
       * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
       *
       * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
       * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
       * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
       * - `'user'`: just user arguments
       *
       * @example
       * program.parse(); // parse process.argv and auto-detect electron and special node flags
       * program.parse(process.argv); // assume argv[0] is app and argv[1] is script
       * program.parse(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
       *
       * @param {string[]} [argv] - optional, defaults to process.argv
       * @param {object} [parseOptions] - optionally specify style of options with from: node/user/electron
       * @param {string} [parseOptions.from] - where the args are from: 'node', 'user', 'electron'
       * @return {Command} `this` command for chaining
       */
      parse(argv, parseOptions) {
        this._prepareForParse();
        const userArgs = this._prepareUserArgs(argv, parseOptions);
        this._parseCommand([], userArgs);
        return this;
      }
      /**
       * Parse `argv`, setting options and invoking commands when defined.
       *
       * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
       *
       * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
       * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
       * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
       * - `'user'`: just user arguments
       *
       * @example
       * await program.parseAsync(); // parse process.argv and auto-detect electron and special node flags
       * await program.parseAsync(process.argv); // assume argv[0] is app and argv[1] is script
       * await program.parseAsync(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
       *
       * @param {string[]} [argv]
       * @param {object} [parseOptions]
       * @param {string} parseOptions.from - where the args are from: 'node', 'user', 'electron'
       * @return {Promise}
       */
      async parseAsync(argv, parseOptions) {
        this._prepareForParse();
        const userArgs = this._prepareUserArgs(argv, parseOptions);
        await this._parseCommand([], userArgs);
        return this;
      }
      _prepareForParse() {
        if (this._savedState === null) {
          this.saveStateBeforeParse();
        } else {
          this.restoreStateBeforeParse();
        }
      }
      /**
       * Called the first time parse is called to save state and allow a restore before subsequent calls to parse.
       * Not usually called directly, but available for subclasses to save their custom state.
       *
       * This is called in a lazy way. Only commands used in parsing chain will have state saved.
       */
      saveStateBeforeParse() {
        this._savedState = {
          // name is stable if supplied by author, but may be unspecified for root command and deduced during parsing
          _name: this._name,
          // option values before parse have default values (including false for negated options)
          // shallow clones
          _optionValues: { ...this._optionValues },
          _optionValueSources: { ...this._optionValueSources }
        };
      }
      /**
       * Restore state before parse for calls after the first.
       * Not usually called directly, but available for subclasses to save their custom state.
       *
       * This is called in a lazy way. Only commands used in parsing chain will have state restored.
       */
      restoreStateBeforeParse() {
        if (this._storeOptionsAsProperties)
          throw new Error(`Can not call parse again when storeOptionsAsProperties is true.
- either make a new Command for each call to parse, or stop storing options as properties`);
        this._name = this._savedState._name;
        this._scriptPath = null;
        this.rawArgs = [];
        this._optionValues = { ...this._savedState._optionValues };
        this._optionValueSources = { ...this._savedState._optionValueSources };
        this.args = [];
        this.processedArgs = [];
      }
      /**
       * Throw if expected executable is missing. Add lots of help for author.
       *
       * @param {string} executableFile
       * @param {string} executableDir
       * @param {string} subcommandName
       */
      _checkForMissingExecutable(executableFile, executableDir, subcommandName) {
        if (fs.existsSync(executableFile)) return;
        const executableDirMessage = executableDir ? `searched for local subcommand relative to directory '${executableDir}'` : "no directory for search for local subcommand, use .executableDir() to supply a custom directory";
        const executableMissing = `'${executableFile}' does not exist
 - if '${subcommandName}' is not meant to be an executable command, remove description parameter from '.command()' and use '.description()' instead
 - if the default executable name is not suitable, use the executableFile option to supply a custom name or path
 - ${executableDirMessage}`;
        throw new Error(executableMissing);
      }
      /**
       * Execute a sub-command executable.
       *
       * @private
       */
      _executeSubCommand(subcommand, args) {
        args = args.slice();
        let launchWithNode = false;
        const sourceExt = [".js", ".ts", ".tsx", ".mjs", ".cjs"];
        function findFile(baseDir, baseName) {
          const localBin = path.resolve(baseDir, baseName);
          if (fs.existsSync(localBin)) return localBin;
          if (sourceExt.includes(path.extname(baseName))) return void 0;
          const foundExt = sourceExt.find(
            (ext) => fs.existsSync(`${localBin}${ext}`)
          );
          if (foundExt) return `${localBin}${foundExt}`;
          return void 0;
        }
        this._checkForMissingMandatoryOptions();
        this._checkForConflictingOptions();
        let executableFile = subcommand._executableFile || `${this._name}-${subcommand._name}`;
        let executableDir = this._executableDir || "";
        if (this._scriptPath) {
          let resolvedScriptPath;
          try {
            resolvedScriptPath = fs.realpathSync(this._scriptPath);
          } catch {
            resolvedScriptPath = this._scriptPath;
          }
          executableDir = path.resolve(
            path.dirname(resolvedScriptPath),
            executableDir
          );
        }
        if (executableDir) {
          let localFile = findFile(executableDir, executableFile);
          if (!localFile && !subcommand._executableFile && this._scriptPath) {
            const legacyName = path.basename(
              this._scriptPath,
              path.extname(this._scriptPath)
            );
            if (legacyName !== this._name) {
              localFile = findFile(
                executableDir,
                `${legacyName}-${subcommand._name}`
              );
            }
          }
          executableFile = localFile || executableFile;
        }
        launchWithNode = sourceExt.includes(path.extname(executableFile));
        let proc;
        if (process2.platform !== "win32") {
          if (launchWithNode) {
            args.unshift(executableFile);
            args = incrementNodeInspectorPort(process2.execArgv).concat(args);
            proc = childProcess.spawn(process2.argv[0], args, { stdio: "inherit" });
          } else {
            proc = childProcess.spawn(executableFile, args, { stdio: "inherit" });
          }
        } else {
          this._checkForMissingExecutable(
            executableFile,
            executableDir,
            subcommand._name
          );
          args.unshift(executableFile);
          args = incrementNodeInspectorPort(process2.execArgv).concat(args);
          proc = childProcess.spawn(process2.execPath, args, { stdio: "inherit" });
        }
        if (!proc.killed) {
          const signals = ["SIGUSR1", "SIGUSR2", "SIGTERM", "SIGINT", "SIGHUP"];
          signals.forEach((signal) => {
            process2.on(signal, () => {
              if (proc.killed === false && proc.exitCode === null) {
                proc.kill(signal);
              }
            });
          });
        }
        const exitCallback = this._exitCallback;
        proc.on("close", (code) => {
          code = code ?? 1;
          if (!exitCallback) {
            process2.exit(code);
          } else {
            exitCallback(
              new CommanderError2(
                code,
                "commander.executeSubCommandAsync",
                "(close)"
              )
            );
          }
        });
        proc.on("error", (err) => {
          if (err.code === "ENOENT") {
            this._checkForMissingExecutable(
              executableFile,
              executableDir,
              subcommand._name
            );
          } else if (err.code === "EACCES") {
            throw new Error(`'${executableFile}' not executable`);
          }
          if (!exitCallback) {
            process2.exit(1);
          } else {
            const wrappedError = new CommanderError2(
              1,
              "commander.executeSubCommandAsync",
              "(error)"
            );
            wrappedError.nestedError = err;
            exitCallback(wrappedError);
          }
        });
        this.runningCommand = proc;
      }
      /**
       * @private
       */
      _dispatchSubcommand(commandName, operands, unknown) {
        const subCommand = this._findCommand(commandName);
        if (!subCommand) this.help({ error: true });
        subCommand._prepareForParse();
        let promiseChain;
        promiseChain = this._chainOrCallSubCommandHook(
          promiseChain,
          subCommand,
          "preSubcommand"
        );
        promiseChain = this._chainOrCall(promiseChain, () => {
          if (subCommand._executableHandler) {
            this._executeSubCommand(subCommand, operands.concat(unknown));
          } else {
            return subCommand._parseCommand(operands, unknown);
          }
        });
        return promiseChain;
      }
      /**
       * Invoke help directly if possible, or dispatch if necessary.
       * e.g. help foo
       *
       * @private
       */
      _dispatchHelpCommand(subcommandName) {
        if (!subcommandName) {
          this.help();
        }
        const subCommand = this._findCommand(subcommandName);
        if (subCommand && !subCommand._executableHandler) {
          subCommand.help();
        }
        return this._dispatchSubcommand(
          subcommandName,
          [],
          [this._getHelpOption()?.long ?? this._getHelpOption()?.short ?? "--help"]
        );
      }
      /**
       * Check this.args against expected this.registeredArguments.
       *
       * @private
       */
      _checkNumberOfArguments() {
        this.registeredArguments.forEach((arg, i) => {
          if (arg.required && this.args[i] == null) {
            this.missingArgument(arg.name());
          }
        });
        if (this.registeredArguments.length > 0 && this.registeredArguments[this.registeredArguments.length - 1].variadic) {
          return;
        }
        if (this.args.length > this.registeredArguments.length) {
          this._excessArguments(this.args);
        }
      }
      /**
       * Process this.args using this.registeredArguments and save as this.processedArgs!
       *
       * @private
       */
      _processArguments() {
        const myParseArg = (argument, value, previous) => {
          let parsedValue = value;
          if (value !== null && argument.parseArg) {
            const invalidValueMessage = `error: command-argument value '${value}' is invalid for argument '${argument.name()}'.`;
            parsedValue = this._callParseArg(
              argument,
              value,
              previous,
              invalidValueMessage
            );
          }
          return parsedValue;
        };
        this._checkNumberOfArguments();
        const processedArgs = [];
        this.registeredArguments.forEach((declaredArg, index) => {
          let value = declaredArg.defaultValue;
          if (declaredArg.variadic) {
            if (index < this.args.length) {
              value = this.args.slice(index);
              if (declaredArg.parseArg) {
                value = value.reduce((processed, v) => {
                  return myParseArg(declaredArg, v, processed);
                }, declaredArg.defaultValue);
              }
            } else if (value === void 0) {
              value = [];
            }
          } else if (index < this.args.length) {
            value = this.args[index];
            if (declaredArg.parseArg) {
              value = myParseArg(declaredArg, value, declaredArg.defaultValue);
            }
          }
          processedArgs[index] = value;
        });
        this.processedArgs = processedArgs;
      }
      /**
       * Once we have a promise we chain, but call synchronously until then.
       *
       * @param {(Promise|undefined)} promise
       * @param {Function} fn
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCall(promise, fn) {
        if (promise?.then && typeof promise.then === "function") {
          return promise.then(() => fn());
        }
        return fn();
      }
      /**
       *
       * @param {(Promise|undefined)} promise
       * @param {string} event
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCallHooks(promise, event) {
        let result = promise;
        const hooks = [];
        this._getCommandAndAncestors().reverse().filter((cmd) => cmd._lifeCycleHooks[event] !== void 0).forEach((hookedCommand) => {
          hookedCommand._lifeCycleHooks[event].forEach((callback) => {
            hooks.push({ hookedCommand, callback });
          });
        });
        if (event === "postAction") {
          hooks.reverse();
        }
        hooks.forEach((hookDetail) => {
          result = this._chainOrCall(result, () => {
            return hookDetail.callback(hookDetail.hookedCommand, this);
          });
        });
        return result;
      }
      /**
       *
       * @param {(Promise|undefined)} promise
       * @param {Command} subCommand
       * @param {string} event
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCallSubCommandHook(promise, subCommand, event) {
        let result = promise;
        if (this._lifeCycleHooks[event] !== void 0) {
          this._lifeCycleHooks[event].forEach((hook) => {
            result = this._chainOrCall(result, () => {
              return hook(this, subCommand);
            });
          });
        }
        return result;
      }
      /**
       * Process arguments in context of this command.
       * Returns action result, in case it is a promise.
       *
       * @private
       */
      _parseCommand(operands, unknown) {
        const parsed = this.parseOptions(unknown);
        this._parseOptionsEnv();
        this._parseOptionsImplied();
        operands = operands.concat(parsed.operands);
        unknown = parsed.unknown;
        this.args = operands.concat(unknown);
        if (operands && this._findCommand(operands[0])) {
          return this._dispatchSubcommand(operands[0], operands.slice(1), unknown);
        }
        if (this._getHelpCommand() && operands[0] === this._getHelpCommand().name()) {
          return this._dispatchHelpCommand(operands[1]);
        }
        if (this._defaultCommandName) {
          this._outputHelpIfRequested(unknown);
          return this._dispatchSubcommand(
            this._defaultCommandName,
            operands,
            unknown
          );
        }
        if (this.commands.length && this.args.length === 0 && !this._actionHandler && !this._defaultCommandName) {
          this.help({ error: true });
        }
        this._outputHelpIfRequested(parsed.unknown);
        this._checkForMissingMandatoryOptions();
        this._checkForConflictingOptions();
        const checkForUnknownOptions = () => {
          if (parsed.unknown.length > 0) {
            this.unknownOption(parsed.unknown[0]);
          }
        };
        const commandEvent = `command:${this.name()}`;
        if (this._actionHandler) {
          checkForUnknownOptions();
          this._processArguments();
          let promiseChain;
          promiseChain = this._chainOrCallHooks(promiseChain, "preAction");
          promiseChain = this._chainOrCall(
            promiseChain,
            () => this._actionHandler(this.processedArgs)
          );
          if (this.parent) {
            promiseChain = this._chainOrCall(promiseChain, () => {
              this.parent.emit(commandEvent, operands, unknown);
            });
          }
          promiseChain = this._chainOrCallHooks(promiseChain, "postAction");
          return promiseChain;
        }
        if (this.parent?.listenerCount(commandEvent)) {
          checkForUnknownOptions();
          this._processArguments();
          this.parent.emit(commandEvent, operands, unknown);
        } else if (operands.length) {
          if (this._findCommand("*")) {
            return this._dispatchSubcommand("*", operands, unknown);
          }
          if (this.listenerCount("command:*")) {
            this.emit("command:*", operands, unknown);
          } else if (this.commands.length) {
            this.unknownCommand();
          } else {
            checkForUnknownOptions();
            this._processArguments();
          }
        } else if (this.commands.length) {
          checkForUnknownOptions();
          this.help({ error: true });
        } else {
          checkForUnknownOptions();
          this._processArguments();
        }
      }
      /**
       * Find matching command.
       *
       * @private
       * @return {Command | undefined}
       */
      _findCommand(name) {
        if (!name) return void 0;
        return this.commands.find(
          (cmd) => cmd._name === name || cmd._aliases.includes(name)
        );
      }
      /**
       * Return an option matching `arg` if any.
       *
       * @param {string} arg
       * @return {Option}
       * @package
       */
      _findOption(arg) {
        return this.options.find((option) => option.is(arg));
      }
      /**
       * Display an error message if a mandatory option does not have a value.
       * Called after checking for help flags in leaf subcommand.
       *
       * @private
       */
      _checkForMissingMandatoryOptions() {
        this._getCommandAndAncestors().forEach((cmd) => {
          cmd.options.forEach((anOption) => {
            if (anOption.mandatory && cmd.getOptionValue(anOption.attributeName()) === void 0) {
              cmd.missingMandatoryOptionValue(anOption);
            }
          });
        });
      }
      /**
       * Display an error message if conflicting options are used together in this.
       *
       * @private
       */
      _checkForConflictingLocalOptions() {
        const definedNonDefaultOptions = this.options.filter((option) => {
          const optionKey = option.attributeName();
          if (this.getOptionValue(optionKey) === void 0) {
            return false;
          }
          return this.getOptionValueSource(optionKey) !== "default";
        });
        const optionsWithConflicting = definedNonDefaultOptions.filter(
          (option) => option.conflictsWith.length > 0
        );
        optionsWithConflicting.forEach((option) => {
          const conflictingAndDefined = definedNonDefaultOptions.find(
            (defined) => option.conflictsWith.includes(defined.attributeName())
          );
          if (conflictingAndDefined) {
            this._conflictingOption(option, conflictingAndDefined);
          }
        });
      }
      /**
       * Display an error message if conflicting options are used together.
       * Called after checking for help flags in leaf subcommand.
       *
       * @private
       */
      _checkForConflictingOptions() {
        this._getCommandAndAncestors().forEach((cmd) => {
          cmd._checkForConflictingLocalOptions();
        });
      }
      /**
       * Parse options from `argv` removing known options,
       * and return argv split into operands and unknown arguments.
       *
       * Side effects: modifies command by storing options. Does not reset state if called again.
       *
       * Examples:
       *
       *     argv => operands, unknown
       *     --known kkk op => [op], []
       *     op --known kkk => [op], []
       *     sub --unknown uuu op => [sub], [--unknown uuu op]
       *     sub -- --unknown uuu op => [sub --unknown uuu op], []
       *
       * @param {string[]} args
       * @return {{operands: string[], unknown: string[]}}
       */
      parseOptions(args) {
        const operands = [];
        const unknown = [];
        let dest = operands;
        function maybeOption(arg) {
          return arg.length > 1 && arg[0] === "-";
        }
        const negativeNumberArg = (arg) => {
          if (!/^-(\d+|\d*\.\d+)(e[+-]?\d+)?$/.test(arg)) return false;
          return !this._getCommandAndAncestors().some(
            (cmd) => cmd.options.map((opt) => opt.short).some((short) => /^-\d$/.test(short))
          );
        };
        let activeVariadicOption = null;
        let activeGroup = null;
        let i = 0;
        while (i < args.length || activeGroup) {
          const arg = activeGroup ?? args[i++];
          activeGroup = null;
          if (arg === "--") {
            if (dest === unknown) dest.push(arg);
            dest.push(...args.slice(i));
            break;
          }
          if (activeVariadicOption && (!maybeOption(arg) || negativeNumberArg(arg))) {
            this.emit(`option:${activeVariadicOption.name()}`, arg);
            continue;
          }
          activeVariadicOption = null;
          if (maybeOption(arg)) {
            const option = this._findOption(arg);
            if (option) {
              if (option.required) {
                const value = args[i++];
                if (value === void 0) this.optionMissingArgument(option);
                this.emit(`option:${option.name()}`, value);
              } else if (option.optional) {
                let value = null;
                if (i < args.length && (!maybeOption(args[i]) || negativeNumberArg(args[i]))) {
                  value = args[i++];
                }
                this.emit(`option:${option.name()}`, value);
              } else {
                this.emit(`option:${option.name()}`);
              }
              activeVariadicOption = option.variadic ? option : null;
              continue;
            }
          }
          if (arg.length > 2 && arg[0] === "-" && arg[1] !== "-") {
            const option = this._findOption(`-${arg[1]}`);
            if (option) {
              if (option.required || option.optional && this._combineFlagAndOptionalValue) {
                this.emit(`option:${option.name()}`, arg.slice(2));
              } else {
                this.emit(`option:${option.name()}`);
                activeGroup = `-${arg.slice(2)}`;
              }
              continue;
            }
          }
          if (/^--[^=]+=/.test(arg)) {
            const index = arg.indexOf("=");
            const option = this._findOption(arg.slice(0, index));
            if (option && (option.required || option.optional)) {
              this.emit(`option:${option.name()}`, arg.slice(index + 1));
              continue;
            }
          }
          if (dest === operands && maybeOption(arg) && !(this.commands.length === 0 && negativeNumberArg(arg))) {
            dest = unknown;
          }
          if ((this._enablePositionalOptions || this._passThroughOptions) && operands.length === 0 && unknown.length === 0) {
            if (this._findCommand(arg)) {
              operands.push(arg);
              unknown.push(...args.slice(i));
              break;
            } else if (this._getHelpCommand() && arg === this._getHelpCommand().name()) {
              operands.push(arg, ...args.slice(i));
              break;
            } else if (this._defaultCommandName) {
              unknown.push(arg, ...args.slice(i));
              break;
            }
          }
          if (this._passThroughOptions) {
            dest.push(arg, ...args.slice(i));
            break;
          }
          dest.push(arg);
        }
        return { operands, unknown };
      }
      /**
       * Return an object containing local option values as key-value pairs.
       *
       * @return {object}
       */
      opts() {
        if (this._storeOptionsAsProperties) {
          const result = {};
          const len = this.options.length;
          for (let i = 0; i < len; i++) {
            const key = this.options[i].attributeName();
            result[key] = key === this._versionOptionName ? this._version : this[key];
          }
          return result;
        }
        return this._optionValues;
      }
      /**
       * Return an object containing merged local and global option values as key-value pairs.
       *
       * @return {object}
       */
      optsWithGlobals() {
        return this._getCommandAndAncestors().reduce(
          (combinedOptions, cmd) => Object.assign(combinedOptions, cmd.opts()),
          {}
        );
      }
      /**
       * Display error message and exit (or call exitOverride).
       *
       * @param {string} message
       * @param {object} [errorOptions]
       * @param {string} [errorOptions.code] - an id string representing the error
       * @param {number} [errorOptions.exitCode] - used with process.exit
       */
      error(message, errorOptions) {
        this._outputConfiguration.outputError(
          `${message}
`,
          this._outputConfiguration.writeErr
        );
        if (typeof this._showHelpAfterError === "string") {
          this._outputConfiguration.writeErr(`${this._showHelpAfterError}
`);
        } else if (this._showHelpAfterError) {
          this._outputConfiguration.writeErr("\n");
          this.outputHelp({ error: true });
        }
        const config = errorOptions || {};
        const exitCode = config.exitCode || 1;
        const code = config.code || "commander.error";
        this._exit(exitCode, code, message);
      }
      /**
       * Apply any option related environment variables, if option does
       * not have a value from cli or client code.
       *
       * @private
       */
      _parseOptionsEnv() {
        this.options.forEach((option) => {
          if (option.envVar && option.envVar in process2.env) {
            const optionKey = option.attributeName();
            if (this.getOptionValue(optionKey) === void 0 || ["default", "config", "env"].includes(
              this.getOptionValueSource(optionKey)
            )) {
              if (option.required || option.optional) {
                this.emit(`optionEnv:${option.name()}`, process2.env[option.envVar]);
              } else {
                this.emit(`optionEnv:${option.name()}`);
              }
            }
          }
        });
      }
      /**
       * Apply any implied option values, if option is undefined or default value.
       *
       * @private
       */
      _parseOptionsImplied() {
        const dualHelper = new DualOptions(this.options);
        const hasCustomOptionValue = (optionKey) => {
          return this.getOptionValue(optionKey) !== void 0 && !["default", "implied"].includes(this.getOptionValueSource(optionKey));
        };
        this.options.filter(
          (option) => option.implied !== void 0 && hasCustomOptionValue(option.attributeName()) && dualHelper.valueFromOption(
            this.getOptionValue(option.attributeName()),
            option
          )
        ).forEach((option) => {
          Object.keys(option.implied).filter((impliedKey) => !hasCustomOptionValue(impliedKey)).forEach((impliedKey) => {
            this.setOptionValueWithSource(
              impliedKey,
              option.implied[impliedKey],
              "implied"
            );
          });
        });
      }
      /**
       * Argument `name` is missing.
       *
       * @param {string} name
       * @private
       */
      missingArgument(name) {
        const message = `error: missing required argument '${name}'`;
        this.error(message, { code: "commander.missingArgument" });
      }
      /**
       * `Option` is missing an argument.
       *
       * @param {Option} option
       * @private
       */
      optionMissingArgument(option) {
        const message = `error: option '${option.flags}' argument missing`;
        this.error(message, { code: "commander.optionMissingArgument" });
      }
      /**
       * `Option` does not have a value, and is a mandatory option.
       *
       * @param {Option} option
       * @private
       */
      missingMandatoryOptionValue(option) {
        const message = `error: required option '${option.flags}' not specified`;
        this.error(message, { code: "commander.missingMandatoryOptionValue" });
      }
      /**
       * `Option` conflicts with another option.
       *
       * @param {Option} option
       * @param {Option} conflictingOption
       * @private
       */
      _conflictingOption(option, conflictingOption) {
        const findBestOptionFromValue = (option2) => {
          const optionKey = option2.attributeName();
          const optionValue = this.getOptionValue(optionKey);
          const negativeOption = this.options.find(
            (target) => target.negate && optionKey === target.attributeName()
          );
          const positiveOption = this.options.find(
            (target) => !target.negate && optionKey === target.attributeName()
          );
          if (negativeOption && (negativeOption.presetArg === void 0 && optionValue === false || negativeOption.presetArg !== void 0 && optionValue === negativeOption.presetArg)) {
            return negativeOption;
          }
          return positiveOption || option2;
        };
        const getErrorMessage = (option2) => {
          const bestOption = findBestOptionFromValue(option2);
          const optionKey = bestOption.attributeName();
          const source = this.getOptionValueSource(optionKey);
          if (source === "env") {
            return `environment variable '${bestOption.envVar}'`;
          }
          return `option '${bestOption.flags}'`;
        };
        const message = `error: ${getErrorMessage(option)} cannot be used with ${getErrorMessage(conflictingOption)}`;
        this.error(message, { code: "commander.conflictingOption" });
      }
      /**
       * Unknown option `flag`.
       *
       * @param {string} flag
       * @private
       */
      unknownOption(flag) {
        if (this._allowUnknownOption) return;
        let suggestion = "";
        if (flag.startsWith("--") && this._showSuggestionAfterError) {
          let candidateFlags = [];
          let command = this;
          do {
            const moreFlags = command.createHelp().visibleOptions(command).filter((option) => option.long).map((option) => option.long);
            candidateFlags = candidateFlags.concat(moreFlags);
            command = command.parent;
          } while (command && !command._enablePositionalOptions);
          suggestion = suggestSimilar(flag, candidateFlags);
        }
        const message = `error: unknown option '${flag}'${suggestion}`;
        this.error(message, { code: "commander.unknownOption" });
      }
      /**
       * Excess arguments, more than expected.
       *
       * @param {string[]} receivedArgs
       * @private
       */
      _excessArguments(receivedArgs) {
        if (this._allowExcessArguments) return;
        const expected = this.registeredArguments.length;
        const s = expected === 1 ? "" : "s";
        const forSubcommand = this.parent ? ` for '${this.name()}'` : "";
        const message = `error: too many arguments${forSubcommand}. Expected ${expected} argument${s} but got ${receivedArgs.length}.`;
        this.error(message, { code: "commander.excessArguments" });
      }
      /**
       * Unknown command.
       *
       * @private
       */
      unknownCommand() {
        const unknownName = this.args[0];
        let suggestion = "";
        if (this._showSuggestionAfterError) {
          const candidateNames = [];
          this.createHelp().visibleCommands(this).forEach((command) => {
            candidateNames.push(command.name());
            if (command.alias()) candidateNames.push(command.alias());
          });
          suggestion = suggestSimilar(unknownName, candidateNames);
        }
        const message = `error: unknown command '${unknownName}'${suggestion}`;
        this.error(message, { code: "commander.unknownCommand" });
      }
      /**
       * Get or set the program version.
       *
       * This method auto-registers the "-V, --version" option which will print the version number.
       *
       * You can optionally supply the flags and description to override the defaults.
       *
       * @param {string} [str]
       * @param {string} [flags]
       * @param {string} [description]
       * @return {(this | string | undefined)} `this` command for chaining, or version string if no arguments
       */
      version(str2, flags, description) {
        if (str2 === void 0) return this._version;
        this._version = str2;
        flags = flags || "-V, --version";
        description = description || "output the version number";
        const versionOption = this.createOption(flags, description);
        this._versionOptionName = versionOption.attributeName();
        this._registerOption(versionOption);
        this.on("option:" + versionOption.name(), () => {
          this._outputConfiguration.writeOut(`${str2}
`);
          this._exit(0, "commander.version", str2);
        });
        return this;
      }
      /**
       * Set the description.
       *
       * @param {string} [str]
       * @param {object} [argsDescription]
       * @return {(string|Command)}
       */
      description(str2, argsDescription) {
        if (str2 === void 0 && argsDescription === void 0)
          return this._description;
        this._description = str2;
        if (argsDescription) {
          this._argsDescription = argsDescription;
        }
        return this;
      }
      /**
       * Set the summary. Used when listed as subcommand of parent.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      summary(str2) {
        if (str2 === void 0) return this._summary;
        this._summary = str2;
        return this;
      }
      /**
       * Set an alias for the command.
       *
       * You may call more than once to add multiple aliases. Only the first alias is shown in the auto-generated help.
       *
       * @param {string} [alias]
       * @return {(string|Command)}
       */
      alias(alias) {
        if (alias === void 0) return this._aliases[0];
        let command = this;
        if (this.commands.length !== 0 && this.commands[this.commands.length - 1]._executableHandler) {
          command = this.commands[this.commands.length - 1];
        }
        if (alias === command._name)
          throw new Error("Command alias can't be the same as its name");
        const matchingCommand = this.parent?._findCommand(alias);
        if (matchingCommand) {
          const existingCmd = [matchingCommand.name()].concat(matchingCommand.aliases()).join("|");
          throw new Error(
            `cannot add alias '${alias}' to command '${this.name()}' as already have command '${existingCmd}'`
          );
        }
        command._aliases.push(alias);
        return this;
      }
      /**
       * Set aliases for the command.
       *
       * Only the first alias is shown in the auto-generated help.
       *
       * @param {string[]} [aliases]
       * @return {(string[]|Command)}
       */
      aliases(aliases) {
        if (aliases === void 0) return this._aliases;
        aliases.forEach((alias) => this.alias(alias));
        return this;
      }
      /**
       * Set / get the command usage `str`.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      usage(str2) {
        if (str2 === void 0) {
          if (this._usage) return this._usage;
          const args = this.registeredArguments.map((arg) => {
            return humanReadableArgName(arg);
          });
          return [].concat(
            this.options.length || this._helpOption !== null ? "[options]" : [],
            this.commands.length ? "[command]" : [],
            this.registeredArguments.length ? args : []
          ).join(" ");
        }
        this._usage = str2;
        return this;
      }
      /**
       * Get or set the name of the command.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      name(str2) {
        if (str2 === void 0) return this._name;
        this._name = str2;
        return this;
      }
      /**
       * Set/get the help group heading for this subcommand in parent command's help.
       *
       * @param {string} [heading]
       * @return {Command | string}
       */
      helpGroup(heading) {
        if (heading === void 0) return this._helpGroupHeading ?? "";
        this._helpGroupHeading = heading;
        return this;
      }
      /**
       * Set/get the default help group heading for subcommands added to this command.
       * (This does not override a group set directly on the subcommand using .helpGroup().)
       *
       * @example
       * program.commandsGroup('Development Commands:);
       * program.command('watch')...
       * program.command('lint')...
       * ...
       *
       * @param {string} [heading]
       * @returns {Command | string}
       */
      commandsGroup(heading) {
        if (heading === void 0) return this._defaultCommandGroup ?? "";
        this._defaultCommandGroup = heading;
        return this;
      }
      /**
       * Set/get the default help group heading for options added to this command.
       * (This does not override a group set directly on the option using .helpGroup().)
       *
       * @example
       * program
       *   .optionsGroup('Development Options:')
       *   .option('-d, --debug', 'output extra debugging')
       *   .option('-p, --profile', 'output profiling information')
       *
       * @param {string} [heading]
       * @returns {Command | string}
       */
      optionsGroup(heading) {
        if (heading === void 0) return this._defaultOptionGroup ?? "";
        this._defaultOptionGroup = heading;
        return this;
      }
      /**
       * @param {Option} option
       * @private
       */
      _initOptionGroup(option) {
        if (this._defaultOptionGroup && !option.helpGroupHeading)
          option.helpGroup(this._defaultOptionGroup);
      }
      /**
       * @param {Command} cmd
       * @private
       */
      _initCommandGroup(cmd) {
        if (this._defaultCommandGroup && !cmd.helpGroup())
          cmd.helpGroup(this._defaultCommandGroup);
      }
      /**
       * Set the name of the command from script filename, such as process.argv[1],
       * or require.main.filename, or __filename.
       *
       * (Used internally and public although not documented in README.)
       *
       * @example
       * program.nameFromFilename(require.main.filename);
       *
       * @param {string} filename
       * @return {Command}
       */
      nameFromFilename(filename) {
        this._name = path.basename(filename, path.extname(filename));
        return this;
      }
      /**
       * Get or set the directory for searching for executable subcommands of this command.
       *
       * @example
       * program.executableDir(__dirname);
       * // or
       * program.executableDir('subcommands');
       *
       * @param {string} [path]
       * @return {(string|null|Command)}
       */
      executableDir(path2) {
        if (path2 === void 0) return this._executableDir;
        this._executableDir = path2;
        return this;
      }
      /**
       * Return program help documentation.
       *
       * @param {{ error: boolean }} [contextOptions] - pass {error:true} to wrap for stderr instead of stdout
       * @return {string}
       */
      helpInformation(contextOptions) {
        const helper = this.createHelp();
        const context = this._getOutputContext(contextOptions);
        helper.prepareContext({
          error: context.error,
          helpWidth: context.helpWidth,
          outputHasColors: context.hasColors
        });
        const text2 = helper.formatHelp(this, helper);
        if (context.hasColors) return text2;
        return this._outputConfiguration.stripColor(text2);
      }
      /**
       * @typedef HelpContext
       * @type {object}
       * @property {boolean} error
       * @property {number} helpWidth
       * @property {boolean} hasColors
       * @property {function} write - includes stripColor if needed
       *
       * @returns {HelpContext}
       * @private
       */
      _getOutputContext(contextOptions) {
        contextOptions = contextOptions || {};
        const error = !!contextOptions.error;
        let baseWrite;
        let hasColors;
        let helpWidth;
        if (error) {
          baseWrite = (str2) => this._outputConfiguration.writeErr(str2);
          hasColors = this._outputConfiguration.getErrHasColors();
          helpWidth = this._outputConfiguration.getErrHelpWidth();
        } else {
          baseWrite = (str2) => this._outputConfiguration.writeOut(str2);
          hasColors = this._outputConfiguration.getOutHasColors();
          helpWidth = this._outputConfiguration.getOutHelpWidth();
        }
        const write = (str2) => {
          if (!hasColors) str2 = this._outputConfiguration.stripColor(str2);
          return baseWrite(str2);
        };
        return { error, write, hasColors, helpWidth };
      }
      /**
       * Output help information for this command.
       *
       * Outputs built-in help, and custom text added using `.addHelpText()`.
       *
       * @param {{ error: boolean } | Function} [contextOptions] - pass {error:true} to write to stderr instead of stdout
       */
      outputHelp(contextOptions) {
        let deprecatedCallback;
        if (typeof contextOptions === "function") {
          deprecatedCallback = contextOptions;
          contextOptions = void 0;
        }
        const outputContext = this._getOutputContext(contextOptions);
        const eventContext = {
          error: outputContext.error,
          write: outputContext.write,
          command: this
        };
        this._getCommandAndAncestors().reverse().forEach((command) => command.emit("beforeAllHelp", eventContext));
        this.emit("beforeHelp", eventContext);
        let helpInformation = this.helpInformation({ error: outputContext.error });
        if (deprecatedCallback) {
          helpInformation = deprecatedCallback(helpInformation);
          if (typeof helpInformation !== "string" && !Buffer.isBuffer(helpInformation)) {
            throw new Error("outputHelp callback must return a string or a Buffer");
          }
        }
        outputContext.write(helpInformation);
        if (this._getHelpOption()?.long) {
          this.emit(this._getHelpOption().long);
        }
        this.emit("afterHelp", eventContext);
        this._getCommandAndAncestors().forEach(
          (command) => command.emit("afterAllHelp", eventContext)
        );
      }
      /**
       * You can pass in flags and a description to customise the built-in help option.
       * Pass in false to disable the built-in help option.
       *
       * @example
       * program.helpOption('-?, --help' 'show help'); // customise
       * program.helpOption(false); // disable
       *
       * @param {(string | boolean)} flags
       * @param {string} [description]
       * @return {Command} `this` command for chaining
       */
      helpOption(flags, description) {
        if (typeof flags === "boolean") {
          if (flags) {
            if (this._helpOption === null) this._helpOption = void 0;
            if (this._defaultOptionGroup) {
              this._initOptionGroup(this._getHelpOption());
            }
          } else {
            this._helpOption = null;
          }
          return this;
        }
        this._helpOption = this.createOption(
          flags ?? "-h, --help",
          description ?? "display help for command"
        );
        if (flags || description) this._initOptionGroup(this._helpOption);
        return this;
      }
      /**
       * Lazy create help option.
       * Returns null if has been disabled with .helpOption(false).
       *
       * @returns {(Option | null)} the help option
       * @package
       */
      _getHelpOption() {
        if (this._helpOption === void 0) {
          this.helpOption(void 0, void 0);
        }
        return this._helpOption;
      }
      /**
       * Supply your own option to use for the built-in help option.
       * This is an alternative to using helpOption() to customise the flags and description etc.
       *
       * @param {Option} option
       * @return {Command} `this` command for chaining
       */
      addHelpOption(option) {
        this._helpOption = option;
        this._initOptionGroup(option);
        return this;
      }
      /**
       * Output help information and exit.
       *
       * Outputs built-in help, and custom text added using `.addHelpText()`.
       *
       * @param {{ error: boolean }} [contextOptions] - pass {error:true} to write to stderr instead of stdout
       */
      help(contextOptions) {
        this.outputHelp(contextOptions);
        let exitCode = Number(process2.exitCode ?? 0);
        if (exitCode === 0 && contextOptions && typeof contextOptions !== "function" && contextOptions.error) {
          exitCode = 1;
        }
        this._exit(exitCode, "commander.help", "(outputHelp)");
      }
      /**
       * // Do a little typing to coordinate emit and listener for the help text events.
       * @typedef HelpTextEventContext
       * @type {object}
       * @property {boolean} error
       * @property {Command} command
       * @property {function} write
       */
      /**
       * Add additional text to be displayed with the built-in help.
       *
       * Position is 'before' or 'after' to affect just this command,
       * and 'beforeAll' or 'afterAll' to affect this command and all its subcommands.
       *
       * @param {string} position - before or after built-in help
       * @param {(string | Function)} text - string to add, or a function returning a string
       * @return {Command} `this` command for chaining
       */
      addHelpText(position, text2) {
        const allowedValues = ["beforeAll", "before", "after", "afterAll"];
        if (!allowedValues.includes(position)) {
          throw new Error(`Unexpected value for position to addHelpText.
Expecting one of '${allowedValues.join("', '")}'`);
        }
        const helpEvent = `${position}Help`;
        this.on(helpEvent, (context) => {
          let helpStr;
          if (typeof text2 === "function") {
            helpStr = text2({ error: context.error, command: context.command });
          } else {
            helpStr = text2;
          }
          if (helpStr) {
            context.write(`${helpStr}
`);
          }
        });
        return this;
      }
      /**
       * Output help information if help flags specified
       *
       * @param {Array} args - array of options to search for help flags
       * @private
       */
      _outputHelpIfRequested(args) {
        const helpOption = this._getHelpOption();
        const helpRequested = helpOption && args.find((arg) => helpOption.is(arg));
        if (helpRequested) {
          this.outputHelp();
          this._exit(0, "commander.helpDisplayed", "(outputHelp)");
        }
      }
    };
    function incrementNodeInspectorPort(args) {
      return args.map((arg) => {
        if (!arg.startsWith("--inspect")) {
          return arg;
        }
        let debugOption;
        let debugHost = "127.0.0.1";
        let debugPort = "9229";
        let match;
        if ((match = arg.match(/^(--inspect(-brk)?)$/)) !== null) {
          debugOption = match[1];
        } else if ((match = arg.match(/^(--inspect(-brk|-port)?)=([^:]+)$/)) !== null) {
          debugOption = match[1];
          if (/^\d+$/.test(match[3])) {
            debugPort = match[3];
          } else {
            debugHost = match[3];
          }
        } else if ((match = arg.match(/^(--inspect(-brk|-port)?)=([^:]+):(\d+)$/)) !== null) {
          debugOption = match[1];
          debugHost = match[3];
          debugPort = match[4];
        }
        if (debugOption && debugPort !== "0") {
          return `${debugOption}=${debugHost}:${parseInt(debugPort) + 1}`;
        }
        return arg;
      });
    }
    function useColor() {
      if (process2.env.NO_COLOR || process2.env.FORCE_COLOR === "0" || process2.env.FORCE_COLOR === "false")
        return false;
      if (process2.env.FORCE_COLOR || process2.env.CLICOLOR_FORCE !== void 0)
        return true;
      return void 0;
    }
    exports.Command = Command2;
    exports.useColor = useColor;
  }
});

// node_modules/commander/index.js
var require_commander = __commonJS({
  "node_modules/commander/index.js"(exports) {
    var { Argument: Argument2 } = require_argument();
    var { Command: Command2 } = require_command();
    var { CommanderError: CommanderError2, InvalidArgumentError: InvalidArgumentError2 } = require_error();
    var { Help: Help2 } = require_help();
    var { Option: Option2 } = require_option();
    exports.program = new Command2();
    exports.createCommand = (name) => new Command2(name);
    exports.createOption = (flags, description) => new Option2(flags, description);
    exports.createArgument = (name, description) => new Argument2(name, description);
    exports.Command = Command2;
    exports.Option = Option2;
    exports.Argument = Argument2;
    exports.Help = Help2;
    exports.CommanderError = CommanderError2;
    exports.InvalidArgumentError = InvalidArgumentError2;
    exports.InvalidOptionArgumentError = InvalidArgumentError2;
  }
});

// cli/main.ts
import { setFlagsFromString } from "node:v8";

// cli/io.ts
function processIo() {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    cwd: process.cwd()
  };
}

// node_modules/commander/esm.mjs
var import_index = __toESM(require_commander(), 1);
var {
  program,
  createCommand,
  createArgument,
  createOption,
  CommanderError,
  InvalidArgumentError,
  InvalidOptionArgumentError,
  // deprecated old name
  Command,
  Argument,
  Option,
  Help
} = import_index.default;

// cli/commands/config.ts
import { resolve } from "node:path";
function registerConfig(program2, io, exit) {
  const config = program2.command("config").description("check the kiln config and print its JSON Schema");
  config.command("check").argument("[file]", "config file", CONFIG_PATH).option("--format <format>", "text or json", "text").description("check a kiln config; each problem with file:line:column, key path and what to do").action(async (file, opts) => {
    if (opts.format !== "text" && opts.format !== "json") {
      throw new UsageError(`--format ${JSON.stringify(opts.format)} is not supported`, {
        hint: "Use text or json"
      });
    }
    const text2 = await readText(resolve(io.cwd, file), file);
    const result = checkConfig(text2);
    if (opts.format === "json") {
      io.stdout(
        `${JSON.stringify(result.ok ? { file, ok: true, models: Object.keys(result.config.models) } : { file, ok: false, problems: result.problems }, null, 2)}
`
      );
    } else if (result.ok) {
      const models = Object.keys(result.config.models);
      io.stdout(
        `✅ ${file} is valid: ${models.length} model${models.length === 1 ? "" : "s"} (${models.join(", ")})
`
      );
    } else {
      for (const p of result.problems) {
        io.stderr(`${formatProblem(file, p)}
`);
        if (io.env.GITHUB_ACTIONS === "true") {
          io.stdout(
            `::error file=${file},line=${p.line},col=${p.column},title=kiln config::${escapeAnnotation(`${p.path}: ${p.message}`)}
`
          );
        }
      }
      io.stderr(
        `❌ ${file}: ${result.problems.length} problem${result.problems.length === 1 ? "" : "s"}; see docs/configuration.md
`
      );
    }
    exit(result.ok ? 0 : 1);
  });
  config.command("schema").description("print the JSON Schema of the config (also docs/kiln.schema.json)").action(() => {
    io.stdout(
      `${JSON.stringify(external_exports.toJSONSchema(configSchema, { io: "input", target: "draft-2020-12" }), null, 2)}
`
    );
  });
}
function readText(path, shown) {
  return readTextFile(path, shown, { hint: "Check the path, or run `kiln init` to create a starter config" });
}
function escapeAnnotation(s) {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

// cli/commands/config-models.ts
import { execFile } from "node:child_process";
import { promisify } from "node:util";

// core/init/models.ts
var SECTIONS = ["data", "train", "deploy", "monitor"];
function globToRegExp(glob) {
  let re = "";
  let depth = 0;
  const g = glob.replace(/^\.\//, "");
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === "*" && g[i + 1] === "*") {
      if (g[i + 2] === "/") {
        re += "(?:.*/)?";
        i += 2;
      } else {
        re += ".*";
        i += 1;
      }
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "{") {
      depth++;
      re += "(?:";
    } else if (c === "}" && depth > 0) {
      depth--;
      re += ")";
    } else if (c === "," && depth > 0) re += "|";
    else re += c.replace(/[.+^$()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re.replace(/\/$/, "")}(?:/.*)?$`);
}
function pathsMatch(globs, files) {
  if (globs.length === 0) return true;
  const res = globs.map(globToRegExp);
  return files.some((f) => res.some((re) => re.test(f.replace(/^\.\//, ""))));
}
function selectModels(config, opts = {}) {
  const out = [];
  for (const [model, m] of Object.entries(config.models)) {
    const entry = {
      model,
      data: m.data !== void 0,
      train: m.train !== void 0,
      environments: Object.keys(m.deploy?.environments ?? {}),
      monitor: m.monitor !== void 0
    };
    if (opts.has === "deploy" ? m.deploy === void 0 : opts.has && !entry[opts.has]) continue;
    if (opts.environment !== void 0 && !entry.environments.includes(opts.environment)) continue;
    if (opts.only && !opts.only.includes(model)) continue;
    if (opts.changed && !pathsMatch(m.paths, opts.changed)) continue;
    out.push(entry);
  }
  return out;
}

// cli/context.ts
import { join, resolve as resolve2 } from "node:path";
var LOCAL_STATE_DIR = ".kiln";
function cliPorts(io, runId = "local") {
  return localPorts({ root: join(io.cwd, LOCAL_STATE_DIR), runId });
}
async function loadConfig(io, file = CONFIG_PATH) {
  return parseConfig(await readText(resolve2(io.cwd, file), file), file);
}
function modelOf(config, model, file = CONFIG_PATH) {
  assertModelName(model, "--model");
  const entry = config.models[model];
  if (!entry) {
    const known = Object.keys(config.models);
    const near = closest(model, known);
    throw new UsageError(`${file} declares no model ${JSON.stringify(model)}`, {
      hint: near ? `Did you mean ${near}?` : `Declared: ${known.join(", ")}`
    });
  }
  return entry;
}

// cli/commands/config-models.ts
var run = promisify(execFile);
function registerConfigModels(program2, io) {
  const config = program2.commands.find((c) => c.name() === "config");
  if (!config) throw new Error("register `kiln config` before `kiln config models`");
  config.command("models").description(
    "list the config's models as JSON (the workflows' matrix), optionally only those a change touches"
  ).option("--config <file>", "kiln config", CONFIG_PATH).option("--changed-from <ref>", "only models whose paths match files changed since this commit").option("--has <section>", `only models with this section: ${SECTIONS.join(", ")}`).option("--environment <name>", "only models that deploy to this environment").option("--only <names>", "only these models: a JSON list or comma-separated names (empty: no filter)").option("--format <format>", "json (one line) or names (one a line)", "json").action(async (flags) => {
    if (flags.format !== "json" && flags.format !== "names") {
      throw new UsageError(`--format ${JSON.stringify(flags.format)} is not supported`, {
        hint: "Use json or names"
      });
    }
    if (flags.has !== void 0 && !SECTIONS.includes(flags.has)) {
      throw new UsageError(`--has ${JSON.stringify(flags.has)} is not a model section`, {
        hint: `Use one of ${SECTIONS.join(", ")}`
      });
    }
    const cfg = await loadConfig(io, flags.config);
    const changed = await changedFiles(io, flags.changedFrom);
    const only = parseOnly(flags.only);
    for (const name of only ?? []) {
      if (!(name in cfg.models))
        throw new UsageError(`--only: ${flags.config} declares no model ${JSON.stringify(name)}`);
    }
    const models = selectModels(cfg, {
      ...changed ? { changed } : {},
      ...flags.has ? { has: flags.has } : {},
      ...flags.environment !== void 0 ? { environment: flags.environment } : {},
      ...only ? { only } : {}
    });
    io.stdout(
      flags.format === "json" ? `${JSON.stringify(models)}
` : models.map((m) => `${m.model}
`).join("")
    );
  });
}
function parseOnly(text2) {
  const t = text2?.trim() ?? "";
  if (t === "" || t === "[]") return void 0;
  if (t.startsWith("[")) {
    let list;
    try {
      list = JSON.parse(t);
    } catch {
      list = void 0;
    }
    if (!Array.isArray(list) || !list.every((x) => typeof x === "string")) {
      throw new UsageError(`--only ${JSON.stringify(t)} is not a JSON list of model names`);
    }
    return list.length > 0 ? list : void 0;
  }
  return t.split(",").map((s) => s.trim()).filter((s) => s !== "");
}
async function changedFiles(io, ref) {
  if (ref === void 0) return void 0;
  if (ref === "" || /^0+$/.test(ref)) {
    io.stderr("kiln: no base commit to compare with: every model counts as changed\n");
    return void 0;
  }
  if (ref.startsWith("-")) throw new UsageError(`--changed-from ${JSON.stringify(ref)} is not a commit`);
  try {
    const { stdout } = await run("git", ["diff", "--name-only", "--relative", "-z", ref, "HEAD", "--"], {
      cwd: io.cwd,
      encoding: "utf8",
      env: { ...io.env, LC_ALL: "C" },
      maxBuffer: 64 * 1024 * 1024
    });
    return stdout.split("\0").filter((f) => f !== "");
  } catch {
    io.stderr(
      `kiln: warning: cannot compare with ${ref} (not in this clone? check out with fetch-depth: 0): every model counts as changed
`
    );
    return void 0;
  }
}

// cli/commands/ct.ts
import { relative, resolve as resolve5 } from "node:path";

// core/retrain/ct.ts
import { resolve as resolve3 } from "node:path";
function dataPaths(config, model, file) {
  const data = modelConfig(config, model, file).data;
  if (!data?.train) {
    throw new UsageError(`${file}: models.${model}.data.train is not set`, {
      hint: "Continuous training retrains when the training data changes: declare it"
    });
  }
  return [...new Set([data.train, data.reference].filter((p) => !!p))];
}
function changedData(current, recorded) {
  const changed = Object.entries(current).filter(([p, f]) => recorded[p]?.sha256 !== f.sha256).map(([p]) => p);
  for (const p of Object.keys(recorded)) if (!(p in current)) changed.push(p);
  return changed;
}
async function continuousTraining(req, deps) {
  const modelCfg = modelConfig(req.config, req.model, req.configFile);
  const paths = dataPaths(req.config, req.model, req.configFile);
  const fingerprints = {};
  for (const p of paths) fingerprints[p] = await fingerprintFile(resolve3(req.cwd, p), p);
  const hasProduction = await req.registry.alias(req.model, "production") !== null;
  const production = hasProduction ? await productionVersion(req.registry, req.model) : null;
  const changed = production ? changedData(fingerprints, production.run.data ?? {}) : paths;
  if (production && changed.length === 0) {
    return {
      status: "skipped",
      production: production.version,
      fingerprints,
      message: `${req.model}: training data unchanged since ${production.version.tag} (production): ${paths.map((p) => `${p} ${fingerprints[p]?.sha256.slice(0, 12)}`).join(", ")}; nothing to retrain`
    };
  }
  const outDir = resolve3(req.cwd, req.outDir ?? `.kiln/ct/${req.model}`);
  const trained = await train(
    {
      ...req.train,
      model: req.model,
      config: modelCfg,
      configFile: req.configFile,
      cwd: req.cwd,
      outDir,
      resume: false
    },
    deps
  );
  const why = production ? `changed since ${production.version.tag} (production): ${changed.join(", ")}` : "no production version to compare with";
  if (trained.outcome !== "succeeded") {
    return {
      status: "trained",
      production: production?.version ?? null,
      fingerprints,
      changed,
      train: trained,
      gate: null,
      gatePath: null,
      message: `${req.model}: training data ${why}; retraining ${trained.outcome}${trained.failure ? ` — ${trained.failure}` : ""}`
    };
  }
  const gated = await runGate({
    model: req.model,
    config: req.config,
    configFile: req.configFile,
    candidate: { path: trained.runPath, shown: trained.runPath },
    sources: { registry: req.registry, workDir: outDir },
    policySource: req.policySource,
    advisory: req.advisory
  });
  const gatePath = await writeGateFile(outDir, gated.result);
  const files = ["run.json", "gate.json"];
  await deps.store.upload(artifactName("ct", req.model), files, outDir);
  return {
    status: "trained",
    production: production?.version ?? null,
    fingerprints,
    changed,
    train: trained,
    gate: gated.result,
    gatePath,
    message: `${req.model}: training data ${why}; retrained and gated against ${gated.baseline.label}: ${gated.result.passed ? "passed" : "failed"}`
  };
}

// cli/commands/registry.ts
import { resolve as resolve4 } from "node:path";

// core/registry/resolve.ts
async function resolveModelUri(registry, uri) {
  const parsed = parseModelUri(uri);
  if ("alias" in parsed) {
    const v2 = await registry.alias(parsed.model, parsed.alias);
    if (v2) return v2;
    throw new UsageError(`alias ${parsed.alias} of ${parsed.model} is not assigned`, {
      hint: `Assign it first (kiln registry assign ${parsed.model} ${parsed.alias} <version>) or name a version: models:/${parsed.model}/<N>`
    });
  }
  const v = parsed.version >= 1 ? await registry.version(parsed.model, parsed.version) : null;
  if (v) return v;
  const versions = await registry.versions(parsed.model);
  const latest = versions.at(-1);
  throw new UsageError(
    `no version ${parsed.version} of ${parsed.model}; ${latest ? `latest is v${latest.version}` : `${parsed.model} has no versions`}`,
    {
      hint: latest ? `Use models:/${parsed.model}/${latest.version} or an alias` : "Register a version first"
    }
  );
}

// core/registry/promote.ts
var ROLLBACK_NOTE = /^rollback from v(\d+)\b/;
function rollbackNote(from, why) {
  return `rollback from v${from}${why ? `: ${why}` : ""}`;
}
async function promote(registry, uri, alias, note) {
  assertAlias(alias);
  const v = await resolveModelUri(registry, uri);
  return registry.assign(v.model, alias, v.version, note);
}
async function previousVersion(registry, model, alias) {
  const history = (await registry.history(model, alias)).sort((a, b) => a.counter - b.counter);
  const current = history.at(-1);
  if (!current) return null;
  const rejected = /* @__PURE__ */ new Set([current.version]);
  for (const a of history) {
    const m = ROLLBACK_NOTE.exec(a.note ?? "");
    if (m?.[1]) rejected.add(Number(m[1]));
  }
  for (let i = history.length - 2; i >= 0; i--) {
    const v = history[i]?.version;
    if (v !== void 0 && !rejected.has(v)) return v;
  }
  return null;
}
async function rollback(registry, model, alias, why) {
  assertAlias(alias);
  const current = await registry.alias(model, alias);
  if (!current) {
    throw new UsageError(`alias ${alias} of ${model} is not assigned; there is nothing to roll back`, {
      hint: `See the history with \`kiln registry history --model ${model}\``
    });
  }
  const target = await previousVersion(registry, model, alias);
  if (target === null) {
    throw new UsageError(
      `${model}#${alias} has no earlier version to roll back to (it serves ${versionTag(model, current.version)})`,
      { hint: `Promote a version explicitly: kiln registry promote models:/${model}/<N> --to ${alias}` }
    );
  }
  const to = await registry.assign(model, alias, target, rollbackNote(current.version, why));
  return { from: current.version, to };
}

// cli/commands/registry.ts
var REGISTRY = ["--registry <dir>", "local registry folder (default: .kiln/registry)"];
var FORMAT = ["--format <format>", "text or json"];
function registryOf(io, dir) {
  return dir === void 0 ? cliPorts(io).registry : new LocalRegistry({ root: resolve4(io.cwd, dir), clock: systemClock });
}
function formatOf(value) {
  if (value === void 0 || value === "text") return "text";
  if (value === "json") return "json";
  throw new UsageError(`--format ${JSON.stringify(value)} is not supported`, { hint: "Use text or json" });
}
async function aliasesByVersion(registry, model) {
  const latest = /* @__PURE__ */ new Map();
  for (const a of await registry.history(model)) {
    const seen = latest.get(a.alias);
    if (!seen || a.counter > seen.counter) latest.set(a.alias, a);
  }
  const out = /* @__PURE__ */ new Map();
  for (const a of [...latest.values()].sort((x, y) => x.alias.localeCompare(y.alias))) {
    out.set(a.version, [...out.get(a.version) ?? [], a.alias]);
  }
  return out;
}
async function listModel(registry, model) {
  const aliases = await aliasesByVersion(registry, model);
  return (await registry.versions(model)).map((v) => ({ ...v, aliases: aliases.get(v.version) ?? [] }));
}
function json(io, value) {
  io.stdout(`${JSON.stringify(value, null, 2)}
`);
}
function describeVersion(v) {
  const aliases = v.aliases.length ? `  [${v.aliases.join(", ")}]` : "";
  return `${v.tag}  ${v.created_at}  run ${v.run_digest.slice(0, 12)}${aliases}`;
}
function registerRegistry(program2, io) {
  const registry = program2.command("registry").description("model versions and aliases (<model>@vN, <model>#<alias>#N), kept with their evidence");
  registry.command("list").description("list models, or one model's versions and their aliases").option("--model <name>", "model name").option(...REGISTRY).option(...FORMAT).action(async (opts) => {
    const format = formatOf(opts.format);
    const reg = registryOf(io, opts.registry);
    if (opts.model !== void 0) {
      assertModelName(opts.model, "--model");
      const versions = await listModel(reg, opts.model);
      if (format === "json") {
        json(io, {
          model: opts.model,
          versions: versions.map(({ model: _m, ...v }) => ({ ...v }))
        });
      } else if (versions.length === 0) io.stderr(`kiln registry: ${opts.model} has no versions
`);
      else io.stdout(`${versions.map(describeVersion).join("\n")}
`);
      return;
    }
    const models = [];
    for (const model of await reg.models()) models.push({ model, versions: await listModel(reg, model) });
    if (format === "json") json(io, { models });
    else if (models.length === 0) io.stderr(`kiln registry: no models in ${reg.root}
`);
    else {
      for (const m of models)
        io.stdout(`${m.model}
${m.versions.map((v) => `  ${describeVersion(v)}`).join("\n")}
`);
    }
  });
  registry.command("show").argument("<uri>", "models:/<name>/<version> or models:/<name>@<alias>").description("show a version: its tag, aliases, gate and model card").option(...REGISTRY).option(...FORMAT).action(async (uri, opts) => {
    const format = formatOf(opts.format);
    const reg = registryOf(io, opts.registry);
    const v = await resolveModelUri(reg, uri);
    const aliases = (await aliasesByVersion(reg, v.model)).get(v.version) ?? [];
    const gateText = await reg.readFile(v.model, v.version, "gate.json");
    const gate = gateText === null ? null : parseKilnFile("gate", gateText, `${v.tag} gate.json`);
    const card = await reg.readFile(v.model, v.version, "card.md");
    const artifacts = await reg.artifactsLocation(v.model, v.version);
    if (format === "json") {
      json(io, {
        ...v,
        aliases,
        gate: gate && {
          passed: gate.passed,
          policy_source: gate.policy_source,
          advisory: gate.advisory ?? false
        },
        artifacts,
        card
      });
      return;
    }
    io.stdout(
      `${v.tag}  (${v.uri})
  created ${v.created_at}
  run ${v.run_digest}
  aliases ${aliases.join(", ") || "none"}
  gate ${gate ? `${gate.passed ? "passed" : "failed"} under ${gate.policy_source}` : "none"}
  model files ${artifacts ?? "none"}
${card ? `
${card}` : ""}`
    );
  });
  registry.command("register").description("register a run as the next version (its gate, profile and model files kept with it)").requiredOption("--run <run.json>", "the run to register").option("--gate <gate.json>", "its gate").option("--profile <profile.json>", "the training data's profile").option("--artifacts <dir>", "folder of model files to keep with the version").option("--config <file>", "kiln config, for the model card (optional)").option(...REGISTRY).option(...FORMAT).action(
    async (opts) => {
      const format = formatOf(opts.format);
      const reg = registryOf(io, opts.registry);
      const run4 = await readRunFile(resolve4(io.cwd, opts.run), opts.run);
      const gate = opts.gate ? parseKilnFile(
        "gate",
        await readTextFile(resolve4(io.cwd, opts.gate), opts.gate, { what: "gate" }),
        opts.gate
      ) : void 0;
      const profile = opts.profile ? parseKilnFile(
        "profile",
        await readTextFile(resolve4(io.cwd, opts.profile), opts.profile, { what: "profile" }),
        opts.profile
      ) : void 0;
      const config = opts.config ? (await loadConfig(io, opts.config)).models[run4.model] : void 0;
      const card = renderModelCard({
        run: run4,
        version: await expectedVersion(reg, run4),
        ...gate ? { gate } : {},
        ...config ? { config } : {}
      });
      const v = await reg.register(run4.model, {
        run: run4,
        card,
        ...gate ? { gate } : {},
        ...profile ? { profile } : {},
        ...opts.artifacts ? { artifactsDir: resolve4(io.cwd, opts.artifacts) } : {}
      });
      if (format === "json") json(io, v);
      else io.stdout(`${v.tag}  ${v.uri}
`);
    }
  );
  registry.command("promote").argument("<uri>", "models:/<name>/<version> or models:/<name>@<alias>").description("point an alias at a version (a new assignment; history is kept)").requiredOption("--to <alias>", "alias, e.g. production").option("--note <text>", "why, kept with the assignment").option(...REGISTRY).option(...FORMAT).action(async (uri, opts) => {
    const format = formatOf(opts.format);
    const a = await promote(registryOf(io, opts.registry), uri, opts.to, opts.note);
    if (format === "json") json(io, a);
    else io.stdout(`${a.tag}: ${a.alias} → ${a.model}@v${a.version}
`);
  });
  registry.command("rollback").description("move an alias back to the version it pointed at before").requiredOption("--model <name>", "model name").requiredOption("--alias <alias>", "alias to roll back, e.g. production").option("--note <text>", "why, kept with the assignment").option(...REGISTRY).option(...FORMAT).action(
    async (opts) => {
      const format = formatOf(opts.format);
      assertModelName(opts.model, "--model");
      const { from, to } = await rollback(registryOf(io, opts.registry), opts.model, opts.alias, opts.note);
      if (format === "json") json(io, { from, ...to });
      else io.stdout(`${to.tag}: ${to.alias} → ${to.model}@v${to.version} (was v${from})
`);
    }
  );
  registry.command("history").description("every alias assignment of a model, oldest first").requiredOption("--model <name>", "model name").option("--alias <alias>", "only this alias").option(...REGISTRY).option(...FORMAT).action(async (opts) => {
    const format = formatOf(opts.format);
    assertModelName(opts.model, "--model");
    const history = await registryOf(io, opts.registry).history(opts.model, opts.alias);
    if (format === "json") json(io, { model: opts.model, history });
    else if (history.length === 0) io.stderr(`kiln registry: no alias assignments for ${opts.model}
`);
    else
      io.stdout(
        `${history.map((a) => `${a.tag}  ${a.assigned_at}  ${a.alias} → v${a.version}${a.note ? `  (${a.note})` : ""}`).join("\n")}
`
      );
  });
}

// cli/commands/ct.ts
function registerCt(program2, io, exit) {
  program2.command("ct").description("scheduled continuous training: retrain and gate when the training data changed").requiredOption("--model <name>", "model name from the config").option("--config <file>", "kiln config", CONFIG_PATH).option("--registry <dir>", "local registry folder (default: .kiln/registry)").option("--out <dir>", "folder for run.json and gate.json (default: .kiln/ct/<model>)").addHelpText(
    "after",
    "\nExit codes: 0 skipped (data unchanged) or the gate passed · 1 training or the gate failed · 2 unusable input."
  ).action(async (flags) => {
    const config = await loadConfig(io, flags.config);
    const origin = await policyOrigin(resolve5(io.cwd, flags.config), io.env);
    const ci = ciFromEnv(io.env);
    const result = await continuousTraining(
      {
        model: flags.model,
        config,
        configFile: flags.config,
        cwd: io.cwd,
        ...flags.out ? { outDir: flags.out } : {},
        registry: flags.registry === void 0 ? cliPorts(io).registry : registryOf(io, flags.registry),
        policySource: origin.source,
        advisory: !origin.committed,
        train: { env: io.env, runner: runnerFromEnv(io.env), ...ci ? { ci } : {} }
      },
      {
        // Its own local run, so a scheduled pass never replaces the artifacts of `kiln train`.
        store: cliPorts(io, "ct").artifacts,
        onLine: (_stream, line) => io.stderr(`${line}
`),
        onNote: (message, level) => io.stderr(`kiln: ${level === "warning" ? "warning: " : ""}${message}
`)
      }
    );
    io.stdout(`${result.status === "skipped" ? "⏭️ skipped" : "🔁 retrained"}: ${result.message}
`);
    if (result.status === "skipped") return exit(0);
    if (result.gatePath) io.stdout(`   gate.json: ${relative(io.cwd, result.gatePath)}
`);
    exit(result.train.outcome === "succeeded" && result.gate?.passed ? 0 : 1);
  });
}

// cli/commands/demo.ts
import { execFile as execFile2 } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { join as join2, relative as relative2, resolve as resolve6 } from "node:path";
import { promisify as promisify2 } from "node:util";

// core/metrics/history-chart.ts
function historyChart(input) {
  const limit = input.limit ?? 10;
  const past = input.history.filter((e) => typeof e.metrics[input.metric] === "number" && Number.isFinite(e.metrics[input.metric])).slice(-limit);
  const labels2 = past.map((e) => e.run_id ? `r${e.run_id}` : e.sha.slice(0, 7));
  const values = past.map((e) => e.metrics[input.metric]);
  const head = input.head;
  if (typeof head === "number" && Number.isFinite(head)) {
    labels2.push("PR");
    values.push(head);
  }
  if (values.length < 2) return null;
  const [lo, hi] = axisRange(values);
  const lines = [
    "```mermaid",
    "xychart-beta",
    `  x-axis [${labels2.map((l) => `"${mermaidLabel(l, 12)}"`).join(", ")}]`,
    `  y-axis "${mermaidLabel(input.metric)}" ${plain(lo)} --> ${plain(hi)}`,
    `  line [${values.map(plain).join(", ")}]`,
    "```"
  ];
  return { points: past.length, mermaid: lines.join("\n") };
}
function axisRange(values) {
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || Math.abs(max) * 0.1 || 1;
  const pad = span * 0.25;
  const step = 10 ** Math.floor(Math.log10(span + 2 * pad) - 1);
  return [Math.floor((min - pad) / step) * step, Math.ceil((max + pad) / step) * step];
}
function plain(x) {
  const s = String(Number(x.toPrecision(6)));
  if (!/e/i.test(s)) return s;
  return x.toFixed(12).replace(/0+$/, "").replace(/\.$/, "");
}

// core/metrics/comment.ts
var COMMENT_MARKER = "<!-- kiln:metrics v1 -->";
var COMMENT_LIMIT = 65536;
var COMMENT_MAX = COMMENT_LIMIT - 512;
var sectionStart = (model) => `<!-- kiln:model ${model} -->`;
var sectionEnd = (model) => `<!-- /kiln:model ${model} -->`;
var TRUNCATED = "✂️ Shortened to stay under GitHub's 65,536-character comment limit; the check run has the verdict.";
function renderModelSection(input, opts = {}) {
  const model = assertModelName(input.diff.model, "the diff's model");
  const max = opts.maxChars ?? COMMENT_MAX - COMMENT_MARKER.length - 1;
  const wrap = (body2) => `${sectionStart(model)}
${body2}
${sectionEnd(model)}`;
  const budget = max - wrap("").length;
  const { fixed, rows, optional } = sectionParts(input);
  const omitted = [];
  let keptRows = rows.rows.length;
  const build = () => {
    const out = [fixed.head];
    out.push(rows.render(keptRows));
    if (keptRows < rows.rows.length)
      out.push(`… and ${formatCount(rows.rows.length - keptRows)} more changed rows (left out).`);
    if (fixed.significance) out.push(fixed.significance);
    const details = optional.details.filter((p) => p.text !== null);
    if (details.length) {
      const summary = details.map((p) => p.summary).join(" · ");
      out.push(
        `<details><summary>${summary}</summary>

${details.map((p) => p.text).join("\n\n")}
</details>`
      );
    }
    if (optional.chart.text !== null) out.push(optional.chart.text);
    if (omitted.length) out.push(`> ${TRUNCATED} Left out: ${omitted.join(", ")}.`);
    out.push(fixed.footer);
    return out.filter((s) => s !== "").join("\n\n");
  };
  let body = build();
  while (body.length > budget) {
    const parts = [...optional.details, optional.chart].filter((p) => p.text !== null);
    const longest = parts.sort((a, b) => (b.text?.length ?? 0) - (a.text?.length ?? 0))[0];
    if (!longest) break;
    longest.text = null;
    omitted.push(longest.name);
    body = build();
  }
  if (body.length > budget && keptRows > 0) {
    if (!omitted.includes("changed rows")) omitted.push("changed rows");
    const over = body.length - budget + 80;
    let cut = 0;
    while (keptRows > 0 && cut < over) {
      keptRows--;
      cut += (rows.rows[keptRows] ? rowText(rows.rows[keptRows], rows.gated) : "").length + 1;
    }
    body = build();
    while (body.length > budget && keptRows > 0) {
      keptRows = Math.floor(keptRows / 2);
      body = build();
    }
  }
  if (body.length > budget) body = `${fixed.heading}

> ${TRUNCATED}`.slice(0, Math.max(0, budget));
  return wrap(body);
}
function mergeCommentSection(existing, section, opts = {}) {
  const max = opts.maxChars ?? COMMENT_MAX;
  const own = parseCommentSections(section);
  const [model, text2] = [...own][0] ?? [];
  if (model === void 0 || text2 === void 0) throw new Error("mergeCommentSection: not a model section");
  const sections = existing?.includes(COMMENT_MARKER) ? parseCommentSections(existing) : /* @__PURE__ */ new Map();
  sections.set(model, text2);
  const join11 = () => `${COMMENT_MARKER}
${[...sections.values()].join("\n\n")}
`;
  let body = join11();
  const byLength = [...sections.keys()].filter((m) => m !== model).sort((a, b) => (sections.get(b)?.length ?? 0) - (sections.get(a)?.length ?? 0));
  for (const other of [...byLength, model]) {
    if (body.length <= max) break;
    sections.set(other, stub(other, sections.get(other) ?? ""));
    body = join11();
  }
  return body;
}
function renderComment(inputs, opts = {}) {
  const max = opts.maxChars ?? COMMENT_MAX;
  let body = null;
  inputs.forEach((input, i) => {
    const used = body?.length ?? COMMENT_MARKER.length + 1;
    const share = Math.floor((max - used) / (inputs.length - i)) - 2;
    body = mergeCommentSection(body, renderModelSection(input, { maxChars: Math.max(share, 0) }), {
      maxChars: max
    });
  });
  return body ?? `${COMMENT_MARKER}
`;
}
function parseCommentSections(body) {
  const out = /* @__PURE__ */ new Map();
  const re = /<!-- kiln:model ([a-z0-9][a-z0-9._-]{0,63}) -->[\s\S]*?<!-- \/kiln:model \1 -->/g;
  for (const m of body.matchAll(re)) if (m[1]) out.set(m[1], m[0]);
  return out;
}
function stub(model, section) {
  const heading = section.split("\n").find((l) => l.startsWith("### ")) ?? `### kiln — ${model}`;
  return `${sectionStart(model)}
${heading}

> ${TRUNCATED}
${sectionEnd(model)}`;
}
function sectionParts(input) {
  const { diff, gate } = input;
  const checks = gate?.checks ?? [];
  const byMetric = /* @__PURE__ */ new Map();
  for (const c of checks) {
    if (c.rule === "significance" || c.rule.startsWith("slice-")) continue;
    byMetric.set(c.metric, [...byMetric.get(c.metric) ?? [], c]);
  }
  const gated = Boolean(gate);
  const failing = (m) => (byMetric.get(m) ?? []).some((c) => !c.passed && !c.skipped);
  const baseSha = input.base?.sha ?? diff.base.sha;
  const headSha = input.head?.sha ?? diff.head.sha;
  const header = [
    "metric",
    `${escapeMarkdown(input.base?.label ?? "base", 60)}${baseSha ? ` ${shortCommit(baseSha)}` : ""}`,
    `${escapeMarkdown(input.head?.label ?? "head", 60)}${headSha ? ` ${shortCommit(headSha)}` : ""}`,
    "Δ",
    ...gated ? ["gate"] : []
  ];
  const table = (rows, n = rows.length) => [
    `| ${header.join(" | ")} |`,
    `|---|---:|---:|---:|${gated ? ":--|" : ""}`,
    ...rows.slice(0, n).map((r) => rowText(r, gated))
  ].join("\n");
  const toRow = (m) => ({
    metric: `${escapeMarkdown(m.metric)}${m.direction === "lower" ? " ↓" : ""}`,
    base: formatNumber(m.base),
    head: formatNumber(m.head),
    delta: metricDelta(m),
    gate: (byMetric.get(m.metric) ?? []).map(gateCell).join("; ") || (gated ? "—" : "")
  });
  const shown = diff.metrics.filter((m) => m.status !== "unchanged" || failing(m.metric));
  const quiet = diff.metrics.filter((m) => !shown.includes(m));
  const mainRows = [...shown.map(toRow), ...checks.filter((c) => c.rule.startsWith("slice-")).map(sliceRow)];
  const known = new Set(diff.metrics.map((m) => m.metric));
  for (const [metric2, cs] of byMetric) {
    if (!known.has(metric2))
      mainRows.push({
        metric: escapeMarkdown(metric2),
        base: "–",
        head: "–",
        delta: "–",
        gate: cs.map(gateCell).join("; ")
      });
  }
  const heading = `### 🔥 kiln — ${escapeMarkdown(diff.model)} · ${verdict(gate)}`;
  const head = [heading];
  if (gate?.advisory)
    head.push(
      "> ⚠️ Advisory: the policy is not a committed default-branch file; this verdict does not admit a deploy."
    );
  const sig = checks.filter((c) => c.rule === "significance");
  const significance = sig.map((c) => `Significance${c.skipped ? " (skipped)" : ""}: ${escapeMarkdown(c.message, 400)}`).join("\n\n");
  const footer = [];
  const links = [runLink(input.head, "head"), runLink(input.base, "base")].filter(Boolean);
  if (links.length) footer.push(`Runs: ${links.join(" · ")}`);
  if (gate) {
    footer.push(`baseline ${describeBaseline(gate.baseline)}`);
    footer.push(`policy from ${escapeMarkdown(gate.policy_source, 120)}`);
  }
  if (input.refreshHint) footer.push("`/kiln diff` to refresh");
  const changedSlices = diff.slices.flatMap(
    (s) => s.metrics.filter((m) => m.status !== "unchanged").map((m) => ({ slice: s.slice, m }))
  );
  const details = [
    {
      name: "unchanged metrics",
      summary: `Unchanged metrics (${formatCount(quiet.length)})`,
      text: quiet.length ? table(quiet.map(toRow)) : null
    },
    {
      name: "params",
      summary: `params (${formatCount(diff.params.length)} changed)`,
      text: diff.params.length ? paramsTable(diff.params, input) : null
    },
    {
      name: "slices",
      summary: `slices (${formatCount(changedSlices.length)} changed)`,
      text: changedSlices.length ? [
        `| slice | metric | ${header[1]} | ${header[2]} | Δ |`,
        "|---|---|---:|---:|---:|",
        ...changedSlices.map(
          ({ slice, m }) => `| ${escapeMarkdown(slice)} | ${escapeMarkdown(m.metric)} | ${formatNumber(m.base)} | ${formatNumber(m.head)} | ${metricDelta(m)} |`
        )
      ].join("\n") : null
    },
    {
      name: "data",
      summary: diff.changed.data ? "data changed" : "data",
      text: diff.data.length ? dataLines(diff.data) : null
    }
  ];
  const charted = new Set((input.history ?? []).flatMap((e) => Object.keys(e.metrics)));
  const metric = input.chartMetric ?? [...byMetric.keys()].find((m) => known.has(m)) ?? diff.metrics.find((m) => charted.has(m.metric))?.metric ?? diff.metrics[0]?.metric;
  const chart = metric ? historyChart({
    metric,
    history: input.history ?? [],
    head: diff.metrics.find((m) => m.metric === metric)?.head
  }) : null;
  const chartPart = {
    name: "chart",
    summary: "",
    text: chart ? `<details><summary>${escapeMarkdown(metric ?? "")} on the default branch, last ${chart.points} runs</summary>

${chart.mermaid}
</details>` : null
  };
  return {
    fixed: { heading, head: head.join("\n\n"), significance, footer: footer.join(" · ") },
    rows: {
      rows: mainRows,
      gated,
      render: (n) => mainRows.length ? table(mainRows, n) : "_No metric changed._"
    },
    optional: { details, chart: chartPart }
  };
}
function rowText(r, gated) {
  return `| ${r.metric} | ${r.base} | ${r.head} | ${r.delta} |${gated ? ` ${r.gate} |` : ""}`;
}
function verdict(gate) {
  if (!gate) return "metrics (no gate)";
  const n = gate.checks.length;
  const failed = gate.checks.filter((c) => !c.passed).length;
  const skipped = gate.checks.filter((c) => c.skipped).length;
  const advisory = gate.advisory ? " (advisory)" : "";
  return gate.passed ? `gate ✅ passed (${n} check${n === 1 ? "" : "s"}${skipped ? `, ${skipped} skipped` : ""})${advisory}` : `gate ❌ failed (${failed} of ${n} checks)${advisory}`;
}
function metricDelta(m) {
  if (m.status === "added") return "new";
  if (m.status === "removed") return "removed";
  if (m.delta === null || m.base === null) return "–";
  if (m.trend === "same") return "=";
  const rel = fmtRelative(m.delta, m.base) ?? "–";
  return `${m.trend === "better" ? "🔺" : "🔻"} ${signed(m.delta)} (${rel})`;
}
function signed(delta) {
  const s = fmtDelta(delta);
  return s === "0" ? `${delta > 0 ? "+" : "−"}${Math.abs(delta).toExponential(1)}` : s;
}
function sliceRow(c) {
  const by = escapeMarkdown(c.by ?? "?", 60);
  const label2 = c.rule === "slice-gap" ? `slice gap ${escapeMarkdown(c.metric)} (${by})` : `worst slice ${escapeMarkdown(c.metric)} (${by})`;
  let delta = "–";
  if (c.delta !== null && c.delta !== 0) {
    const better = (c.direction ?? "higher") === "lower" ? c.delta < 0 : c.delta > 0;
    delta = `${better ? "🔺" : "🔻"} ${signed(c.delta)}`;
  } else if (c.delta === 0) delta = "=";
  return {
    metric: label2,
    base: formatNumber(c.baseline),
    head: formatNumber(c.candidate),
    delta,
    gate: gateCell(c)
  };
}
function gateCell(c) {
  const icon = c.skipped ? "⏭️" : c.passed ? "✅" : "❌";
  const limit = typeof c.limit === "number" ? fmt(c.limit) : escapeMarkdown(String(c.limit ?? ""), 40);
  const worst = c.worst ? ` · worst: ${escapeMarkdown(c.worst, 60)}` : "";
  const rule = {
    min: `≥ ${limit}`,
    max: `≤ ${limit}`,
    "max-regression": `worse by ≤ ${limit}`,
    "min-improvement": `better by ≥ ${limit}`,
    required: "missing",
    "slice-gap": `gap ≤ ${limit}${worst}`,
    "slice-min": `every slice ≥ ${limit}${worst}`,
    "slice-max": `every slice ≤ ${limit}${worst}`
  };
  const note = c.skipped ? " (skipped)" : c.significant === false && c.rule === "max-regression" ? " (not significant)" : "";
  return `${icon} ${rule[c.rule] ?? escapeMarkdown(c.rule)}${note}`;
}
function paramsTable(params, input) {
  const value = (v) => v === void 0 ? "–" : escapeMarkdown(typeof v === "string" ? v : JSON.stringify(v) ?? String(v), 100);
  return [
    `| param | ${escapeMarkdown(input.base?.label ?? "base", 60)} | ${escapeMarkdown(input.head?.label ?? "head", 60)} |`,
    "|---|---|---|",
    ...params.map((p) => `| ${escapeMarkdown(p.key)} | ${value(p.base)} | ${value(p.head)} |`)
  ].join("\n");
}
function dataLines(data) {
  const lines = [];
  const same = data.filter((d) => d.status === "unchanged");
  const hash = (s) => `${escapeMarkdown(s.slice(0, 4))}…`;
  const rows = (n) => n === void 0 ? "?" : formatCount(n);
  for (const d of data) {
    const path = `**${escapeMarkdown(d.path, 120)}**`;
    if (d.status === "added" && d.head)
      lines.push(`Data ${path}: new (sha256 ${hash(d.head.sha256)}, ${rows(d.head.rows)} rows).`);
    else if (d.status === "removed") lines.push(`Data ${path}: no longer used.`);
    else if (d.status === "changed" && d.base && d.head) {
      const fp = d.base.sha256 === d.head.sha256 ? "fingerprint unchanged" : `fingerprint changed (sha256 ${hash(d.base.sha256)} → ${hash(d.head.sha256)})`;
      const n = d.base.rows === d.head.rows ? `${rows(d.head.rows)} rows` : `${rows(d.base.rows)} → ${rows(d.head.rows)} rows`;
      lines.push(`Data ${path}: ${fp}, ${n}.`);
    }
  }
  if (same.length)
    lines.push(
      `Data: ${same.length === 1 ? `**${escapeMarkdown(same[0]?.path ?? "", 120)}**` : `${same.length} files`} unchanged (same sha256).`
    );
  return lines.join("\n");
}
function runLink(side2, fallback) {
  if (!side2?.url || !/^https?:\/\/[^\s()<>"'`\\[\]]+$/.test(side2.url)) return null;
  const run4 = side2.run === void 0 ? "" : ` #${String(side2.run)}`;
  return `[${escapeMarkdown(`${side2.label ?? fallback}${run4}`, 80)}](${side2.url})`;
}

// core/metrics/diff.ts
function diffRuns(base, head, opts = {}) {
  const directionOf2 = (m) => opts.directions?.[m] ?? defaultDirection(m);
  const metrics = diffMetrics(base.metrics, head.metrics, directionOf2);
  const slices = diffSlices(base.slices ?? {}, head.slices ?? {}, directionOf2);
  const params = diffParams(base.params ?? {}, head.params ?? {});
  const data = diffData(base.data ?? {}, head.data ?? {});
  return {
    model: head.model,
    base: side(base),
    head: side(head),
    metrics,
    slices,
    params,
    data,
    changed: {
      metrics: metrics.filter((m) => m.status !== "unchanged").length,
      slices: slices.filter((s) => s.status !== "unchanged").length,
      params: params.length,
      data: data.filter((d) => d.status !== "unchanged").length
    }
  };
}
function diffMetric(metric, base, head, direction) {
  const b = base ?? null;
  const h = head ?? null;
  if (b === null || h === null) {
    const status3 = b === null ? "added" : "removed";
    return { metric, base: b, head: h, delta: null, relative: null, direction, status: status3, trend: null };
  }
  const delta = h - b;
  const relative7 = b === 0 ? null : delta / Math.abs(b);
  const trend = h === b ? "same" : (direction === "higher" ? h > b : h < b) ? "better" : "worse";
  const status2 = h === b ? "unchanged" : "changed";
  return { metric, base: b, head: h, delta, relative: relative7, direction, status: status2, trend };
}
function diffMetrics(base, head, directionOf2) {
  return unionKeys(base, head).map((m) => diffMetric(m, base[m], head[m], directionOf2(m)));
}
function diffSlices(base, head, directionOf2) {
  return unionKeys(base, head).map((slice) => {
    const b = base[slice];
    const h = head[slice];
    const metrics = diffMetrics(b ?? {}, h ?? {}, directionOf2);
    const status2 = !b ? "added" : !h ? "removed" : metrics.some((m) => m.status !== "unchanged") ? "changed" : "unchanged";
    return { slice, status: status2, metrics };
  });
}
function diffParams(base, head) {
  const b = flatten(base);
  const h = flatten(head);
  const out = [];
  for (const key of unionKeys(Object.fromEntries(b), Object.fromEntries(h))) {
    const inBase = b.has(key);
    const inHead = h.has(key);
    const bv = b.get(key);
    const hv = h.get(key);
    if (inBase && inHead && canonicalJson(bv) === canonicalJson(hv)) continue;
    out.push({ key, base: bv, head: hv, status: !inBase ? "added" : !inHead ? "removed" : "changed" });
  }
  return out;
}
function diffData(base, head) {
  return unionKeys(base, head).map((path) => {
    const b = base[path] ? pickFingerprint(base[path]) : null;
    const h = head[path] ? pickFingerprint(head[path]) : null;
    const status2 = !b ? "added" : !h ? "removed" : b.sha256 === h.sha256 && b.rows === h.rows ? "unchanged" : "changed";
    return { path, base: b, head: h, status: status2 };
  });
}
function pickFingerprint(f) {
  return f.rows === void 0 ? { sha256: f.sha256 } : { sha256: f.sha256, rows: f.rows };
}
function flatten(obj, prefix = "", out = /* @__PURE__ */ new Map()) {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length > 0) {
      flatten(v, key, out);
    } else out.set(key, v);
  }
  return out;
}
function unionKeys(a, b) {
  return [.../* @__PURE__ */ new Set([...Object.keys(a), ...Object.keys(b)])];
}
function side(run4) {
  const out = { model: run4.model };
  if (run4.code?.sha) out.sha = run4.code.sha;
  if (run4.code?.ref) out.ref = run4.code.ref;
  return out;
}

// core/retrain/dedupe.ts
function dedupeKey(prefix, parts) {
  return `${prefix}:${sha256(canonicalJson(parts)).slice(0, 24)}`;
}
var KEY = /^(monitor|ct|dispatch|alert|resolved):[0-9a-f]{24}$/;
var SIGNALS = /<!-- kiln:signals ([^>]*?) ?-->/;
var MAX_KEYS = 100;
function retrainMarker(model) {
  return `<!-- kiln:retrain ${model} -->`;
}
function signalKeys(body) {
  const m = SIGNALS.exec(body);
  return m?.[1] ? m[1].split(" ").filter((k) => KEY.test(k)) : [];
}
function signalsMarker(keys) {
  const unique = [...new Set(keys.filter((k) => KEY.test(k)))].slice(-MAX_KEYS);
  return `<!-- kiln:signals ${unique.join(" ")} -->`;
}
function commentMarker(key) {
  return `<!-- kiln:retrain-signal ${key} -->`;
}

// core/retrain/pr.ts
var MAX_TITLE = 256;
var MAX_ROWS = 30;
function retrainTitle(signal) {
  const headline = signal.headline.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]+/g, " ");
  const title = `Retrain ${signal.model}: ${headline.replace(/\s+/g, " ").trim()}`;
  return title.length > MAX_TITLE ? `${title.slice(0, MAX_TITLE - 1)}…` : title;
}
function retrainBody(signal, opts) {
  const { request: request2 } = signal;
  const model = request2.model;
  const production = opts.production ?? productionFromRequest(request2);
  const version = production ? `**${escapeMarkdown(production.tag)}**` : "(no production version recorded)";
  const deployed = production?.since || production?.run ? ` (${[
    production.since ? `deployed ${production.since.slice(0, 10)}` : "",
    production.run ? `from run ${escapeMarkdown(production.run, 80)}` : ""
  ].filter(Boolean).join(" ")})` : "";
  const against = production ? ` against ${escapeMarkdown(production.tag.replace(/^.*@/, ""))}` : "";
  return [
    retrainMarker(model),
    `kiln opened this because ${BECAUSE[request2.source]} the production model`,
    `${version}${deployed}.`,
    "",
    `> ${escapeMarkdown(request2.reason, 500)}`,
    "",
    evidenceTable(request2),
    "",
    `The request is recorded in \`${retrainRequestPath(model)}\`; this PR's CI retrains on the current data`,
    `window and the kiln comment below will show the result${against}. Merge to deploy through the`,
    "usual gate. Further signals update this PR instead of opening another.",
    "",
    signalsMarker(opts.keys),
    ""
  ].join("\n");
}
var BECAUSE = {
  monitor: "monitoring reported degradation of",
  alertmanager: "an Alertmanager alert reported degradation of",
  dispatch: "a `kiln-degradation` repository dispatch reported degradation of",
  ct: "a scheduled retrain on changed data passed the gate against",
  manual: "a retrain was requested for"
};
function signalComment(signal, commit) {
  const when = signal.request.requested_at.replace("T", " ").slice(0, 16);
  return [
    commentMarker(signal.key),
    `**New signal** (${SOURCE[signal.request.source]}, ${when} UTC): ${escapeMarkdown(signal.request.reason, 500)}`,
    "",
    evidenceTable(signal.request),
    "",
    `\`${retrainRequestPath(signal.model)}\` updated in ${commit.slice(0, 7)}; the title and description follow the latest signal.`,
    ""
  ].join("\n");
}
function resolvedComment(signal) {
  const names = [...new Set(signal.request.evidence.map((e) => String(e.alertname ?? e.kind)))];
  const ended = signal.request.evidence.map((e) => typeof e.ends_at === "string" ? e.ends_at : "").filter((t) => t && !t.startsWith("0001")).sort().at(-1);
  return [
    commentMarker(signal.key),
    `✅ **Recovered**: Alertmanager reports ${names.map((n) => escapeMarkdown(n, 100)).join(", ")} resolved${ended ? ` (${ended.replace("T", " ").slice(0, 16)} UTC)` : ""}.`,
    "The PR stays open: retraining may still be worth it; close it if not.",
    ""
  ].join("\n");
}
var SOURCE = {
  monitor: "kiln-monitor",
  alertmanager: "Alertmanager",
  dispatch: "repository_dispatch kiln-degradation",
  ct: "kiln ct",
  manual: "manual"
};
function evidenceTable(request2) {
  const rows = evidenceRows(request2);
  const lines = ["| signal | value | threshold | source |", "|---|---|---|---|"];
  for (const r of rows.slice(0, MAX_ROWS)) {
    lines.push(
      `| ${escapeMarkdown(r.signal, 120)} | ${escapeMarkdown(r.value, 80)} | ${escapeMarkdown(r.threshold, 80)} | ${escapeMarkdown(r.source, 120)} |`
    );
  }
  if (rows.length === 0) lines.push("| (no evidence given) | – | – | – |");
  if (rows.length > MAX_ROWS) lines.push(`| … ${rows.length - MAX_ROWS} more in the request file | | | |`);
  return lines.join("\n");
}
function evidenceRows(request2) {
  return request2.evidence.map((e) => {
    const item = e;
    return {
      signal: signalName(item),
      value: valueText(item),
      threshold: thresholdText(item),
      source: sourceText(item, request2.source)
    };
  });
}
function str(v) {
  return typeof v === "string" && v !== "" ? v : void 0;
}
function num(v) {
  if (typeof v === "number") return formatNumber(v);
  if (typeof v === "string") return v;
  return "–";
}
function signalName(e) {
  const given = str(e.signal);
  if (given) return given;
  const metric = str(e.metric);
  const column = str(e.column);
  switch (e.kind) {
    case "metric":
      return `${metric ?? "metric"} (live)`;
    case "drift":
      return column ?? "drifted columns (share)";
    case "skew":
      return `${column ?? "columns"} (training–serving skew)`;
    case "ct":
      return `${metric ?? "metric"} (retrained candidate)`;
    case "alert":
      return str(e.message) ?? str(e.alertname) ?? "alert";
    case "data":
      return str(e.message) ?? "training data";
    default:
      return metric ?? column ?? str(e.message) ?? String(e.kind);
  }
}
function valueText(e) {
  if (e.kind === "drift" && str(e.column) === void 0 && typeof e.value === "number") return pct(e.value);
  const method = str(e.method);
  return method && (e.kind === "drift" || e.kind === "skew") ? `${method} ${num(e.value)}` : num(e.value);
}
var P_VALUE_METHODS = /* @__PURE__ */ new Set(["ks", "chisquare", "z"]);
function thresholdText(e) {
  const limit = e.threshold ?? e.limit;
  if (limit === void 0 || limit === null) return "–";
  const l = num(limit);
  if (e.kind === "drift" && str(e.column) === void 0 && typeof limit === "number")
    return `< ${pct(limit)}`;
  if (e.kind === "drift" || e.kind === "skew")
    return P_VALUE_METHODS.has(String(e.method)) ? `p ≥ ${l}` : `< ${l}`;
  switch (e.rule) {
    case "min":
      return `≥ ${l}`;
    case "max":
      return `≤ ${l}`;
    case "max-regression":
      return `worsening ≤ ${l}`;
    case "min-improvement":
      return `improvement ≥ ${l}`;
    default:
      return l;
  }
}
function sourceText(e, source) {
  const given = str(e.source);
  if (given) return given;
  const run4 = str(e.run_id);
  switch (source) {
    case "alertmanager": {
      const since = str(e.starts_at);
      const at = since && /T\d\d:\d\d/.test(since) ? ` (${e.status ?? "firing"} since ${since.slice(11, 16)} UTC)` : "";
      return `Alertmanager: ${str(e.alertname) ?? "alert"}${at}`;
    }
    case "monitor":
      return run4 ? `kiln-monitor run ${run4}` : "kiln-monitor";
    case "ct":
      return run4 ? `kiln ct run ${run4}` : "kiln ct (gate vs production)";
    default:
      return SOURCE[source];
  }
}
function pct(x) {
  return `${Math.round(x * 1e3) / 10}%`;
}
function productionFromRequest(request2) {
  const tag = request2.model_version;
  return typeof tag === "string" && tag !== "" ? { tag } : null;
}

// core/retrain/open-or-update.ts
var DEFAULT_RETRAIN = configSchema.shape.retrain.parse({});
var DAY_MS = 24 * 3600 * 1e3;
async function openOrUpdateRetrainPr(ports, input) {
  return decide(ports, input, true);
}
async function decide(ports, input, retry) {
  const { signal } = input;
  const settings = input.retrain ?? DEFAULT_RETRAIN;
  const branch = retrainBranch(signal.model);
  const now = ports.clock.now();
  const all = await ports.pullRequests.findByBranch(branch, "all");
  const open = all.find((p) => p.state === "open");
  const result = (outcome, pr2, message, commit = null) => ({
    outcome,
    model: signal.model,
    branch,
    pr: pr2?.number ?? null,
    url: pr2?.url ?? null,
    title: pr2?.title ?? null,
    commit,
    message: `${signal.model}: ${message}`
  });
  if (open) {
    if (signal.status === "resolved") {
      const noted = (await ports.pullRequests.comments(open.number)).some(
        (c) => c.body.includes(commentMarker(signal.key))
      );
      if (noted) return result("unchanged", open, `recovery already noted on #${open.number}`);
      await commentOnce(ports.pullRequests, open.number, signal.key, resolvedComment(signal));
      return result("noted-resolved", open, `alert resolved: noted on #${open.number}, nothing else changed`);
    }
    const keys = signalKeys(open.body);
    if (keys.includes(signal.key)) return result("unchanged", open, `signal already on #${open.number}`);
    const { sha: sha2 } = await commitRequest(ports.repo, signal, branch);
    const production2 = await productionInfo(ports.registry, signal.model);
    const updated = await ports.pullRequests.update(open.number, {
      title: retrainTitle(signal),
      body: retrainBody(signal, { production: production2, keys: [...keys, signal.key] })
    });
    await commentOnce(ports.pullRequests, open.number, signal.key, signalComment(signal, sha2));
    return result(
      "updated",
      updated,
      `new signal on #${open.number}: request committed, evidence commented`,
      sha2
    );
  }
  if (signal.status === "resolved")
    return result("unchanged", null, "alert resolved and no retraining PR is open");
  const closedSame = all.find((p) => p.state === "closed" && signalKeys(p.body).includes(signal.key));
  if (closedSame) {
    return result(
      "unchanged",
      closedSame,
      `#${closedSame.number} was closed unmerged for this signal; not reopened until it changes`
    );
  }
  const cooldownMs = parseDuration(settings.cooldown, "retrain.cooldown") * 1e3;
  const recent = all.filter((p) => p.state !== "open" && p.closed_at !== null).sort((a, b) => Date.parse(b.closed_at ?? "") - Date.parse(a.closed_at ?? ""))[0];
  if (recent?.closed_at && now.getTime() - Date.parse(recent.closed_at) < cooldownMs) {
    const until = new Date(Date.parse(recent.closed_at) + cooldownMs).toISOString();
    return result(
      "skipped-cooldown",
      recent,
      `#${recent.number} was ${recent.state} at ${recent.closed_at}; cooling down until ${until}`
    );
  }
  const limit = settings["max-per-day"];
  if (limit > 0) {
    const models = [.../* @__PURE__ */ new Set([signal.model, ...input.models ?? []])];
    let count = 0;
    for (const m of models) {
      const prs = m === signal.model ? all : await ports.pullRequests.findByBranch(retrainBranch(m), "all");
      count += prs.filter((p) => now.getTime() - Date.parse(p.created_at) < DAY_MS).length;
    }
    if (count >= limit) {
      return result(
        "skipped-limit",
        null,
        `${count} retraining PRs opened in the last 24 h (retrain.max-per-day ${limit})`
      );
    }
  }
  const base = await ports.repo.defaultBranch();
  const { sha } = await commitRequest(ports.repo, signal, branch, base);
  const production = await productionInfo(ports.registry, signal.model);
  let pr;
  try {
    pr = await ports.pullRequests.open({
      branch,
      base,
      title: retrainTitle(signal),
      body: retrainBody(signal, { production, keys: [signal.key] }),
      labels: [...settings.labels],
      reviewers: [...settings.reviewers]
    });
  } catch (err) {
    if (!retry || (await ports.pullRequests.findByBranch(branch, "open")).length === 0) throw err;
    return decide(ports, input, false);
  }
  return result("opened", pr, `opened #${pr.number} "${pr.title}" from ${branch}`, sha);
}
async function commitRequest(repo, signal, branch, base) {
  const content = `${JSON.stringify(signal.request, null, 2)}
`;
  const message = `kiln: retrain ${signal.model} (${signal.request.source})`;
  return repo.commit(
    branch,
    [{ path: retrainRequestPath(signal.model), content }],
    message,
    base ? { base } : {}
  );
}
async function commentOnce(prs, number, key, body) {
  await prs.comment(number, body);
  const same = (await prs.comments(number)).filter((c) => c.body.includes(commentMarker(key))).sort((a, b) => a.created_at.localeCompare(b.created_at) || Number(a.id) - Number(b.id));
  for (const extra of same.slice(1)) await prs.deleteComment(number, extra.id);
}
async function productionInfo(registry, model) {
  if (!registry) return null;
  try {
    const version = await registry.alias(model, "production");
    if (!version) return null;
    const assigned = (await registry.history(model, "production")).filter((a) => a.version === version.version).at(-1);
    return { tag: version.tag, ...assigned ? { since: assigned.assigned_at } : {} };
  } catch {
    return null;
  }
}

// core/retrain/alertmanager.ts
var MAX_LABEL = 1024;
var MAX_ANNOTATION = 2e3;
var MAX_ALERTS = 1e3;
var label = external_exports.string().max(MAX_LABEL);
var labels = external_exports.record(external_exports.string().max(256), label).refine((r) => Object.keys(r).length <= 64, "more than 64 labels");
var annotations = external_exports.record(
  external_exports.string().max(256),
  external_exports.string().transform((s) => s.slice(0, MAX_ANNOTATION))
).refine((r) => Object.keys(r).length <= 64, "more than 64 annotations");
var status = external_exports.enum(["firing", "resolved"]);
var time = external_exports.string().max(64);
var alertSchema = external_exports.object({
  status,
  labels,
  annotations: annotations.default({}),
  startsAt: time,
  endsAt: time.default("0001-01-01T00:00:00Z"),
  generatorURL: external_exports.string().max(2048).default(""),
  fingerprint: external_exports.string().min(1).max(128)
});
var alertmanagerPayloadSchema = external_exports.object({
  version: external_exports.literal("4", { error: 'must be "4" (Alertmanager webhook version 4)' }),
  groupKey: external_exports.string().min(1).max(MAX_LABEL * 4),
  truncatedAlerts: external_exports.number().int().nonnegative().default(0),
  status,
  receiver: external_exports.string().max(MAX_LABEL).default(""),
  groupLabels: labels.default({}),
  commonLabels: labels.default({}),
  commonAnnotations: annotations.default({}),
  externalURL: external_exports.string().max(2048).default(""),
  alerts: external_exports.array(alertSchema).min(1).max(MAX_ALERTS)
});

// core/retrain/from-monitor.ts
var MAX_EVIDENCE = 100;
function retrainRequestFromMonitor(m, now) {
  if (!m.degraded) return null;
  const kinds = [...new Set(m.reasons.map((r) => r.kind))];
  const headline = m.reasons.find((r) => r.kind === "metric") ?? m.reasons[0];
  const reason = `${m.model} ${m.version ?? ""} degraded in production (${kinds.join(", ")})${headline?.message ? `: ${headline.message}` : ""}`.replace(/\s+/g, " ").slice(0, 2e3);
  const evidence = m.reasons.slice(0, MAX_EVIDENCE).map((r) => ({
    kind: r.kind,
    ...r.column === void 0 ? {} : { column: r.column },
    ...r.metric === void 0 ? {} : { metric: r.metric },
    value: r.value,
    limit: r.limit,
    ...r.message === void 0 ? {} : { message: r.message }
  }));
  const windowKnown = m.window.from !== null || m.window.to !== null;
  return retrainRequestSchema.parse({
    schema: "kiln.retrain/v1",
    model: m.model,
    reason,
    source: "monitor",
    evidence,
    requested_at: now.toISOString(),
    data_window: windowKnown ? { from: m.window.from, to: m.window.to } : null,
    ...m.version ? { model_version: m.version } : {}
  });
}

// core/retrain/signals.ts
var MAX_HEADLINE = 200;
function oneLine(text2, max = MAX_HEADLINE) {
  const s = text2.replace(/\s+/g, " ").trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
function request(fields) {
  return retrainRequestSchema.parse({ schema: "kiln.retrain/v1", ...fields });
}
function signalFromMonitor(m, opts) {
  const base = retrainRequestFromMonitor(m, opts.now);
  if (!base) return null;
  const key = dedupeKey(
    "monitor",
    opts.runId === void 0 ? m : { model: m.model, run: String(opts.runId) }
  );
  const evidence = base.evidence.map((e, i) => {
    const r = m.reasons[i];
    const extra = {};
    for (const k of ["rule", "method", "baseline"]) if (r?.[k] !== void 0) extra[k] = r[k];
    if (opts.runId !== void 0) extra.run_id = String(opts.runId);
    return { ...e, ...extra };
  });
  return {
    model: m.model,
    status: "firing",
    key,
    headline: monitorHeadline(m),
    request: request({ ...base, evidence, dedupe_key: key })
  };
}
function monitorHeadline(m) {
  const metric = m.reasons.find((r) => r.kind === "metric");
  if (metric?.metric !== void 0 && typeof metric.value === "number") {
    const rule = metric.rule;
    const limit = typeof metric.limit === "number" ? formatNumber(metric.limit) : String(metric.limit ?? "");
    const bound = rule === "min" ? ` (floor ${limit})` : rule === "max" ? ` (ceiling ${limit})` : rule === "max-regression" ? ` (allowed drop ${limit})` : "";
    return oneLine(`${metric.metric} on production at ${formatNumber(metric.value)}${bound}`);
  }
  const drift = m.reasons.find((r) => r.kind === "drift" && r.column === void 0);
  if (drift?.message) return oneLine(drift.message.split(":")[0] ?? drift.message);
  const skew = m.reasons.filter((r) => r.kind === "skew" && r.column !== void 0);
  if (skew.length > 0) return oneLine(`training–serving skew in ${skew.map((r) => r.column).join(", ")}`);
  const first = m.reasons[0];
  return oneLine(first?.message ?? "degraded in production");
}
var text = (max) => external_exports.string().max(max, `longer than ${max} characters`);
var cell = external_exports.union([external_exports.number().finite(), text(200)]).nullable();
var dispatchEvidenceItem = external_exports.object({
  kind: text(64).min(1).default("signal"),
  signal: text(200).optional(),
  metric: text(200).optional(),
  column: text(200).optional(),
  value: cell.optional(),
  threshold: cell.optional(),
  source: text(200).optional(),
  message: text(1e3).optional()
});
var dispatchPayloadSchema = external_exports.object({
  model: external_exports.string().regex(MODEL_NAME, `not a model name (${MODEL_NAME_RULE})`),
  reason: text(1e3).min(1, "is empty"),
  /** A list of items, or a map signal → value. */
  evidence: external_exports.union([
    external_exports.array(dispatchEvidenceItem).max(50, "more than 50 items"),
    external_exports.record(text(200), cell).refine((r) => Object.keys(r).length <= 50, "more than 50 entries").transform((r) => Object.entries(r).map(([signal, value]) => ({ kind: "signal", signal, value })))
  ]).default([])
});
var MAX_DISPATCH_BYTES = 64 * 1024;

// cli/commands/demo.ts
async function startHealth() {
  let failing = 0;
  const server = createServer((req, res) => {
    const ok = failing === 0;
    if (!ok) failing--;
    res.writeHead(ok ? 200 : 503, { "content-type": "application/json" }).end(JSON.stringify({ ok }));
    void req;
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/health`,
    failNext: (n) => {
      failing = n;
    },
    close: () => new Promise((done) => server.close(() => done()))
  };
}
var run2 = promisify2(execFile2);
var MODEL = "penguins";
var RUN = `${LOCAL_STATE_DIR}/runs/${MODEL}/run.json`;
function expectCode(r, allowed, what) {
  if (!allowed.includes(r.code)) {
    const last = r.stderr.trim().split("\n").pop() ?? "";
    throw new CheckFailed(`${what} exited ${r.code}${last ? `: ${last}` : ""}`);
  }
}
var DEMO_STEPS = [
  {
    name: "config",
    summary: "check .github/kiln.yml",
    run: async (ctx) => {
      const result = checkConfig(await readText(join2(ctx.repo, CONFIG_PATH), CONFIG_PATH));
      if (!result.ok) {
        throw new CheckFailed(
          `${CONFIG_PATH}: ${result.problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`).join("; ")}`
        );
      }
      return `${CONFIG_PATH} valid: ${Object.keys(result.config.models).join(", ")}`;
    }
  },
  {
    name: "production",
    summary: "seed the registry: last quarter's model (without beak length) as penguins@v1, production",
    run: async (ctx) => {
      const params = JSON.parse(await readFile(join2(ctx.repo, "params.json"), "utf8"));
      params.numeric_features = params.numeric_features.filter((f) => f !== "Beak Length (mm)");
      await writeFile(join2(ctx.repo, "params-v1.json"), `${JSON.stringify(params, null, 2)}
`);
      const r = await ctx.kiln([
        "train",
        "--model",
        MODEL,
        "--",
        "python3",
        "train.py",
        "--out",
        "model/",
        "--params",
        "params-v1.json"
      ]);
      expectCode(r, [0], "kiln train (v1)");
      const run4 = parseKilnFile("run", await readFile(join2(ctx.repo, RUN), "utf8"), RUN);
      const profile = await readFile(
        join2(ctx.repo, LOCAL_STATE_DIR, "runs", MODEL, "profile.json"),
        "utf8"
      ).catch(() => null);
      const { registry } = localPorts({ root: join2(ctx.repo, LOCAL_STATE_DIR) });
      const version = await registry.register(MODEL, {
        run: run4,
        ...profile ? { profile: JSON.parse(profile) } : {},
        artifactsDir: join2(ctx.repo, "model")
      });
      await registry.assign(MODEL, "production", version.version, "demo: last quarter's model");
      return `${version.tag} is production (accuracy ${run4.metrics.accuracy})`;
    }
  },
  {
    name: "validate",
    summary: "schema, anomalies and drift of the training data against production's",
    run: async (ctx) => {
      const r = await ctx.kiln([
        "validate",
        "--model",
        MODEL,
        "--format",
        "json",
        "--out",
        join2(ctx.out, "validate")
      ]);
      expectCode(r, [0, 1], "kiln validate");
      const report = JSON.parse(r.stdout);
      const verdict2 = verdictLine(report).replace(/^(✅|❌) /, "");
      return `${report.passed ? "passed" : "failed"}: ${verdict2} — reference: ${report.source.reference ?? "none"}`;
    }
  },
  {
    name: "train",
    summary: "run train.py, capture metrics and lineage → run.json, kiln-run-penguins",
    run: async (ctx) => {
      const r = await ctx.kiln(["train", "--model", MODEL]);
      expectCode(r, [0], "kiln train");
      const run4 = parseKilnFile("run", await readFile(join2(ctx.repo, RUN), "utf8"), RUN);
      const m = run4.metrics;
      const files = Object.keys(run4.data ?? {}).length;
      return `accuracy ${m.accuracy}, f1_macro ${m.f1_macro}, log_loss ${m.log_loss}; ${Object.keys(run4.slices ?? {}).length} slices; ${files} data file${files === 1 ? "" : "s"} fingerprinted`;
    }
  },
  {
    name: "gate",
    summary: "gate the run against the registry's production model",
    run: async (ctx) => {
      const r = await ctx.kiln([
        "gate",
        "--model",
        MODEL,
        "--candidate",
        RUN,
        "--format",
        "json",
        "--out",
        join2(ctx.out, "gate")
      ]);
      expectCode(r, [0, 1], "kiln gate");
      const gate = JSON.parse(r.stdout);
      const failed = gate.checks.filter((c) => !c.passed && !c.skipped);
      const ran = gate.checks.filter((c) => !c.skipped).length;
      const verdict2 = gate.passed ? "passed" : `failed (${failed.map((c) => `${c.metric} ${c.rule}`).join(", ")})`;
      return `${verdict2}: ${ran} checks against ${gate.baseline.model_version ?? gate.baseline.source}`;
    }
  },
  {
    name: "comment",
    summary: "the PR comment the app would post: the candidate against production, with the gate",
    run: async (ctx) => {
      const ports = localPorts({ root: join2(ctx.repo, LOCAL_STATE_DIR) });
      const production = await ports.registry.alias(MODEL, "production");
      const baseText = production && await ports.registry.readFile(MODEL, production.version, "run.json");
      if (!production || !baseText) throw new CheckFailed("no production run.json in the registry");
      const base = parseRunText(baseText, `${production.tag} run.json`);
      const head = await readRunFile(join2(ctx.repo, RUN), RUN);
      const gatePath = join2(ctx.out, "gate", "gate.json");
      const gate = parseKilnFile("gate", await readFile(gatePath, "utf8"), gatePath);
      const directions = Object.fromEntries(
        gate.checks.filter((c) => c.direction && !c.rule.startsWith("slice-")).map((c) => [c.metric, c.direction])
      );
      const diff = diffRuns(base, head, { directions });
      const body = renderComment([
        {
          diff,
          gate,
          history: await ports.history.read(MODEL, 10),
          base: { label: production.tag },
          head: { label: "this PR" }
        }
      ]);
      await writeFile(join2(ctx.out, "comment.md"), body);
      return `comment.md: ${diff.changed.metrics} metrics changed against ${production.tag}, gate ${gate.passed ? "passed" : "failed"}, ${formatCount(body.length)} characters`;
    }
  },
  {
    name: "deploy",
    summary: "register and deploy through staging and production (canary), then a release whose health check fails",
    run: async (ctx) => {
      const deploy = async (run4, gate2, environment) => {
        const r = await ctx.kiln([
          "deploy",
          "--model",
          MODEL,
          "--run",
          run4,
          "--gate",
          gate2,
          "--environment",
          environment,
          "--format",
          "json"
        ]);
        return {
          code: r.code,
          stderr: r.stderr,
          result: r.stdout ? JSON.parse(r.stdout) : null
        };
      };
      const gate = join2(ctx.out, "gate", "gate.json");
      for (const environment of ["staging", "production"]) {
        const r = await deploy(RUN, gate, environment);
        expectCode(r, [0], `kiln deploy to ${environment}`);
      }
      const live = await localPorts({ root: join2(ctx.repo, LOCAL_STATE_DIR) }).registry.alias(
        MODEL,
        "production"
      );
      const params = JSON.parse(await readFile(join2(ctx.repo, "params.json"), "utf8"));
      params.alpha = 5;
      await writeFile(join2(ctx.repo, "params-v3.json"), `${JSON.stringify(params, null, 2)}
`);
      const out3 = `${LOCAL_STATE_DIR}/runs/${MODEL}-v3`;
      const train2 = await ctx.kiln([
        "train",
        "--model",
        MODEL,
        "--out",
        out3,
        "--",
        "python3",
        "train.py",
        "--out",
        "model/",
        "--params",
        "params-v3.json"
      ]);
      expectCode(train2, [0], "kiln train (v3)");
      const gated = await ctx.kiln([
        "gate",
        "--model",
        MODEL,
        "--candidate",
        `${out3}/run.json`,
        "--out",
        join2(ctx.out, "gate-v3")
      ]);
      expectCode(gated, [0], "kiln gate (v3)");
      ctx.health.failNext(2);
      const bad = await deploy(`${out3}/run.json`, join2(ctx.out, "gate-v3", "gate.json"), "production");
      expectCode(bad, [1], "kiln deploy (v3, failing health)");
      const failedAt = bad.result?.steps.find((s) => !s.ok)?.traffic_percent;
      return `${live?.tag} live in staging and production (canary 10→50→100); ${bad.result?.version.tag} failed its health check at ${failedAt}% → rolled back to ${bad.result?.previous?.tag}`;
    }
  },
  {
    name: "monitor",
    summary: "production batches against the production model's training profile",
    run: async (ctx) => {
      const healthy = await ctx.kiln([
        "monitor",
        "--model",
        MODEL,
        "--format",
        "json",
        "--out",
        join2(ctx.out, "monitor")
      ]);
      expectCode(healthy, [0], "kiln monitor (normal batch)");
      const drifted = await ctx.kiln([
        "monitor",
        "--model",
        MODEL,
        "--data",
        "data/serving-drifted/batch-0001.jsonl",
        "--format",
        "json",
        "--out",
        join2(ctx.out, "monitor-drifted")
      ]);
      expectCode(drifted, [1], "kiln monitor (shifted batch)");
      const m = parseKilnFile("monitor", drifted.stdout, "monitor.json");
      const columns = m.reasons.filter((r) => r.kind === "drift" && r.column).map((r) => r.column);
      return `the normal batch is healthy; the shifted batch is degraded against ${m.version}: ${columns.join(", ")} drifted`;
    }
  },
  {
    name: "retrain",
    summary: "the retraining PR the app would open for the degraded model",
    run: async (ctx) => {
      const file = join2(ctx.out, "monitor-drifted", "monitor.json");
      const monitor2 = parseKilnFile("monitor", await readFile(file, "utf8"), file);
      const ports = localPorts({ root: join2(ctx.repo, LOCAL_STATE_DIR) });
      const signal = signalFromMonitor(monitor2, { now: ports.clock.now() });
      if (!signal) throw new CheckFailed(`${file}: production is not degraded; nothing to retrain`);
      const r = await openOrUpdateRetrainPr(ports, { signal });
      const again = await openOrUpdateRetrainPr(ports, { signal });
      return `${r.outcome} #${r.pr} "${r.title}" on ${r.branch} with .kiln/retrain/${r.model}.json; the same signal again: ${again.outcome}`;
    }
  }
];
function registerDemo(program2, io, exit, run4) {
  program2.command("demo").description("run the whole loop on the bundled example, locally, step by step").option("--out <dir>", "folder for the demo's working copy, reports and local registry", "demo-out").option("--example <dir>", "example repository", join2(packageRoot(), "examples", "penguins")).action(async (opts) => {
    const out = resolve6(io.cwd, opts.out);
    const example = resolve6(io.cwd, opts.example);
    if (!existsSync(join2(example, CONFIG_PATH))) {
      throw new UsageError(`${opts.example} has no ${CONFIG_PATH}`, {
        hint: "Point --example at a repository that uses kiln"
      });
    }
    if (`${out}/`.startsWith(`${example}/`)) {
      throw new UsageError(`--out ${opts.out} is inside the example ${opts.example}`, {
        hint: "Choose a folder outside it"
      });
    }
    const repo = join2(out, "repo");
    await rm(out, { recursive: true, force: true });
    await mkdir(out, { recursive: true });
    await cp(example, repo, {
      recursive: true,
      filter: (src) => !/[/\\](\.kiln|model|__pycache__)$/.test(src) && !/[/\\](metrics\.json|predictions\.csv)$/.test(src)
    });
    const health = await startHealth();
    const configFile = join2(repo, CONFIG_PATH);
    const config = await readFile(configFile, "utf8");
    await writeFile(configFile, config.replaceAll("http://127.0.0.1:8787/health", health.url));
    await commitAll(repo, io.env);
    const ctx = {
      repo,
      out,
      health,
      kiln: async (args) => {
        let stdout = "";
        let stderr = "";
        const code = await run4(args, {
          stdout: (t) => {
            stdout += t;
          },
          stderr: (t) => {
            stderr += t;
          },
          env: io.env,
          cwd: repo
        });
        return { code, stdout, stderr };
      }
    };
    const shown = relative2(io.cwd, out) || ".";
    io.stdout(`kiln demo — the loop on ${relative2(io.cwd, example) || "."}, artifacts in ${shown}/
`);
    let ran = 0;
    let failed = 0;
    const started = performance.now();
    const width = Math.max(...DEMO_STEPS.map((s) => s.name.length));
    for (const [i, step] of DEMO_STEPS.entries()) {
      const label2 = `${String(i + 1).padStart(2)}. ${step.name.padEnd(width)}`;
      if (!step.run) {
        io.stdout(`${label2}  ⏳ not built yet (issue #${step.pending}): ${step.summary}
`);
        continue;
      }
      const stepStart = performance.now();
      try {
        const result = await step.run(ctx);
        ran++;
        io.stdout(`${label2}  ✅ ${result}  (${formatMs(performance.now() - stepStart)})
`);
      } catch (err) {
        failed++;
        io.stdout(`${label2}  ❌ ${err.message}  (${formatMs(performance.now() - stepStart)})
`);
        break;
      }
    }
    await health.close();
    const pending = DEMO_STEPS.filter((s) => !s.run).length;
    io.stdout(
      `${failed ? "❌ failed" : "✅ done"}: ${ran} step${ran === 1 ? "" : "s"} ran in ${formatMs(performance.now() - started)}, ${pending} not built yet; artifacts in ${shown}/
`
    );
    exit(failed ? 1 : 0);
  });
}
async function commitAll(repo, env) {
  const git = (...args) => run2("git", ["-c", "user.name=kiln demo", "-c", "user.email=demo@kiln.invalid", ...args], {
    cwd: repo,
    env: { ...env, LC_ALL: "C" }
  });
  try {
    await git("init", "-q", "-b", "main");
    await git("add", "-A");
    await git("commit", "-q", "-m", "penguins: the example repository");
  } catch (err) {
    throw new UsageError(
      `the demo needs git to make its working copy a repository (${err.message.split("\n")[0]})`
    );
  }
}
function formatMs(ms) {
  return ms < 1e3 ? `${Math.round(ms)} ms` : `${(ms / 1e3).toFixed(1)} s`;
}

// cli/commands/deploy.ts
import { join as join3, resolve as resolve7 } from "node:path";
function registerDeploy(program2, io, exit) {
  program2.command("deploy").description("deploy a gated model version through an environment with health checks and rollback").requiredOption("--model <name>", "model name from the config").requiredOption("--run <run.json>", "the run to deploy").option("--gate <gate.json>", "its passing gate, from the default branch's policy").requiredOption("--environment <name>", "target environment from the config").option("--config <file>", "kiln config", CONFIG_PATH).option("--registry <dir>", "local registry folder (default: .kiln/registry)").option("--artifacts <dir>", "model files (default: the config's first artifacts folder, if present)").option("--force", "deploy without a gate that admits the run (recorded in the deployment)").option("--timeout <duration>", "limit for each run of the deploy command", "30m").option("--format <format>", "text or json", "text").addHelpText(
    "after",
    "\nExit codes: 0 deployed or already live · 1 the rollout failed (rolled back when possible) · 2 unusable input or a gate that does not admit the run."
  ).action(async (opts) => {
    const format = formatOf(opts.format);
    const timeoutMs = parseDuration(opts.timeout, "--timeout") * 1e3;
    const config = modelOf(await loadConfig(io, opts.config), opts.model, opts.config);
    const inputs = await readDeployInputs({
      run: { path: resolve7(io.cwd, opts.run), shown: opts.run },
      ...opts.gate ? { gate: { path: resolve7(io.cwd, opts.gate), shown: opts.gate } } : {},
      ...opts.artifacts ? { artifactsDir: resolve7(io.cwd, opts.artifacts) } : {},
      config,
      cwd: io.cwd
    });
    const ports = cliPorts(io);
    const result = await deployModel({
      registry: registryOf(io, opts.registry),
      deployer: ports.deployer,
      clock: ports.clock,
      model: opts.model,
      ...inputs,
      config,
      configFile: opts.config,
      environment: opts.environment,
      force: opts.force === true,
      defaultBranch: await ports.repo.defaultBranch(),
      ref: inputs.run.code?.sha ?? "HEAD",
      cwd: io.cwd,
      env: io.env,
      workDir: join3(io.cwd, LOCAL_STATE_DIR, "deploy"),
      commandTimeoutMs: timeoutMs,
      graceMs: Math.min(5e3, timeoutMs),
      log: (line) => io.stderr(`kiln deploy: ${line}
`)
    });
    if (format === "json") io.stdout(`${JSON.stringify(result, null, 2)}
`);
    if (result.outcome === "rolled-back" || result.outcome === "failed") {
      io.stderr(`kiln deploy: ${opts.model} to ${opts.environment} failed: ${result.failure}
`);
      exit(1);
    }
  });
}

// cli/commands/diff.ts
import { resolve as resolve8 } from "node:path";
var FORMATS = ["markdown", "json", "text"];
function registerDiff(program2, io, exit) {
  program2.command("diff").description("compare two run.json files: metrics, params, data fingerprints").argument("<base>", "the baseline's run.json").argument("<head>", "the candidate's run.json").option("--gate <gate.json>", "the head's gate.json: verdict, gate column, significance").option("--model <name>", "model name of the section (default: the head's)").option("--format <format>", "markdown (the PR comment), json or text", "markdown").option("--all", "text: include unchanged metrics").addHelpText("after", "\nExit codes: 0 compared · 2 unusable input (a file, a flag).").action(async (basePath, headPath, opts) => {
    if (!FORMATS.includes(opts.format)) {
      throw new UsageError(`--format ${JSON.stringify(opts.format)} is not supported`, {
        hint: `Use ${FORMATS.join(", ")}`
      });
    }
    const base = await readRunFile(resolve8(io.cwd, basePath), basePath);
    const head = await readRunFile(resolve8(io.cwd, headPath), headPath);
    const model = opts.model === void 0 ? head.model : assertModelName(opts.model, "--model");
    const gate = opts.gate === void 0 ? null : await readGate(io, opts.gate);
    if (gate && gate.model !== model) {
      throw new UsageError(`${opts.gate}: gate.json is for model ${gate.model}, not ${model}`);
    }
    if (gate && gate.run_digest !== runDigest(head)) {
      throw new UsageError(`${opts.gate} was written for another run than ${headPath}`, {
        hint: "Pass the gate.json that `kiln gate` wrote for this candidate"
      });
    }
    const directions = {};
    for (const c of gate?.checks ?? []) {
      if (c.direction && !c.rule.startsWith("slice-")) directions[c.metric] = c.direction;
    }
    const diff = { ...diffRuns(base, head, { directions }), model };
    if (opts.format === "json") {
      io.stdout(`${JSON.stringify(diff, null, 2)}
`);
    } else if (opts.format === "text") {
      io.stdout(textTable(diff, headPath, opts.all === true));
    } else {
      const history = await cliPorts(io).history.read(model, 10);
      io.stdout(
        renderComment([
          {
            diff,
            gate,
            history,
            base: { label: base.code?.ref ? shortRef(base.code.ref) : "base" },
            head: { label: head.code?.ref ? shortRef(head.code.ref) : "head" }
          }
        ])
      );
    }
    exit(0);
  });
}
async function readGate(io, path) {
  return parseKilnFile("gate", await readTextFile(resolve8(io.cwd, path), path, { what: "gate" }), path);
}
function shortRef(ref) {
  return ref.replace(/^refs\/(heads|tags)\//, "");
}
function textTable(diff, path, all) {
  const num2 = (n) => n === null ? "-" : String(n);
  const row = (metric, m) => [
    path,
    metric,
    num2(m.base),
    num2(m.head),
    m.delta === null ? "-" : String(Number(m.delta.toPrecision(12)))
  ];
  const keep = (m) => all || m.status !== "unchanged";
  const rows = [
    ...diff.metrics.filter(keep).map((m) => row(m.metric, m)),
    ...diff.slices.flatMap((s) => s.metrics.filter(keep).map((m) => row(`slices.${s.slice}.${m.metric}`, m)))
  ];
  const out = [];
  if (rows.length) out.push(align([["Path", "Metric", "old", "new", "Change"], ...rows]));
  else out.push("No metric changed.");
  if (diff.params.length) {
    const value = (v) => v === void 0 ? "-" : typeof v === "string" ? v : JSON.stringify(v);
    out.push(
      align([["Param", "old", "new"], ...diff.params.map((p) => [p.key, value(p.base), value(p.head)])])
    );
  }
  for (const d of diff.data) {
    if (d.status === "unchanged" && !all) continue;
    const fp = (f) => f ? `${f.sha256.slice(0, 12)}${f.rows === void 0 ? "" : ` (${f.rows} rows)`}` : "-";
    out.push(`Data ${d.path}: ${d.status}, ${fp(d.base)} -> ${fp(d.head)}`);
  }
  return `${out.join("\n\n")}
`;
}
function align(rows) {
  const clean = rows.map((r) => r.map((c) => c.replace(/[\u0000-\u001f\u007f]/g, " ")));
  const widths = clean[0]?.map((_, i) => Math.max(...clean.map((r) => (r[i] ?? "").length))) ?? [];
  return clean.map(
    (r) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd()
  ).join("\n");
}

// cli/commands/gate.ts
import { mkdtemp, rm as rm2 } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join as join5, relative as relative3, resolve as resolve10 } from "node:path";

// core/local/workflow-runs.ts
import { join as join4, resolve as resolve9 } from "node:path";
var runSchema = external_exports.looseObject({
  id: external_exports.string().min(1),
  branch: external_exports.string().min(1),
  sha: external_exports.string(),
  created_at: isoTime,
  url: external_exports.string().optional(),
  conclusion: external_exports.enum(["success", "failure", "cancelled"])
});
var LocalWorkflowRuns = class {
  root;
  state;
  constructor(opts) {
    this.root = resolve9(opts.root);
    this.state = new JsonStateFile(join4(this.root, "runs.json"), external_exports.array(runSchema), () => []);
  }
  /** Records (or replaces, by id) a finished run. */
  async record(run4) {
    await this.state.update((runs) => {
      const at = runs.findIndex((r) => r.id === run4.id);
      if (at >= 0) runs[at] = run4;
      else runs.push(run4);
    });
  }
  async successful(branch, limit) {
    return (await this.state.read()).filter((r) => r.branch === branch && r.conclusion === "success").sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at)).slice(0, limit).map(({ conclusion: _, ...r }) => r);
  }
};

// cli/commands/gate.ts
function registerGate(program2, io, exit) {
  program2.command("gate").description("decide whether a candidate run may replace the baseline → gate.json").requiredOption("--candidate <run.json>", "the candidate's run.json").option("--baseline <run.json>", "the baseline's run.json (default: the registry's production version)").option("--config <file>", "kiln config", CONFIG_PATH).requiredOption("--model <name>", "model name from the config").option("--format <format>", "json or markdown", "markdown").option("--out <dir>", "folder for gate.json", ".kiln/gate").addHelpText(
    "after",
    "\nExit codes: 0 the gate passed · 1 it failed · 2 unusable input (a file, the policy, a flag)."
  ).action(async (opts) => {
    if (opts.format !== "json" && opts.format !== "markdown") {
      throw new UsageError(`--format ${JSON.stringify(opts.format)} is not supported`, {
        hint: "Use json or markdown"
      });
    }
    const config = await loadConfig(io, opts.config);
    const configPath = resolve10(io.cwd, opts.config);
    const origin = await policyOrigin(configPath, io.env);
    const ports = cliPorts(io);
    const workDir = await mkdtemp(join5(tmpdir(), "kiln-gate-"));
    try {
      const { result, markdown } = await runGate({
        model: opts.model,
        config,
        configFile: opts.config,
        candidate: { path: resolve10(io.cwd, opts.candidate), shown: opts.candidate },
        ...opts.baseline === void 0 ? {
          sources: {
            registry: ports.registry,
            runs: new LocalWorkflowRuns({ root: join5(io.cwd, LOCAL_STATE_DIR, "workflow-runs") }),
            artifacts: ports.artifacts,
            branch: await ports.repo.defaultBranch(),
            workDir
          }
        } : { baseline: { path: resolve10(io.cwd, opts.baseline), shown: opts.baseline } },
        policySource: origin.source,
        advisory: !origin.committed
      });
      const file = await writeGateFile(resolve10(io.cwd, opts.out), result);
      io.stdout(opts.format === "json" ? formatKilnFile(result) : markdown);
      if (!origin.committed) {
        io.stderr(
          `kiln gate: advisory — ${opts.config} ${origin.reason ?? "is not committed"}, so the policy does not count; commit it for a verdict that admits a deploy
`
        );
      }
      const failed = result.checks.filter((c) => !c.passed).length;
      io.stderr(
        `kiln gate: ${result.model} ${result.passed ? "passed" : `failed (${failed} of ${result.checks.length} checks)`} against baseline ${result.baseline.source === "none" ? "none" : describe(result.baseline)}; wrote ${relative3(io.cwd, file) || file}
`
      );
      exit(result.passed ? 0 : 1);
    } finally {
      await rm2(workDir, { recursive: true, force: true });
    }
  });
}
function describe(b) {
  if (b.source === "registry") return b.model_version ?? "registry";
  if (b.source === "file") return b.path ?? "file";
  return `${b.branch ?? "branch"} run ${String(b.run_id ?? "?")}`;
}

// cli/commands/init.ts
import { execFile as execFile3 } from "node:child_process";
import { existsSync as existsSync2, readdirSync, readFileSync, statSync } from "node:fs";
import { mkdir as mkdir2, writeFile as writeFile2 } from "node:fs/promises";
import { basename, join as join6, relative as relative4, resolve as resolve11 } from "node:path";
import { promisify as promisify3 } from "node:util";

// core/init/detect.ts
var DATA = /^data\/(?:[^/]+\/)?[^/]+\.(?:csv|tsv|parquet|jsonl)(?:\.gz)?$/i;
var PY_TRAINERS = ["train.py", "src/train.py", "scripts/train.py", "training/train.py"];
var PARAMS = ["params.yaml", "params.yml", "params.json"];
var METRICS_LITERAL = /["'`]([\w./-]*metrics[\w.-]*\.(?:json|ya?ml))["'`]/i;
function modelNameFrom(folder) {
  const name = folder.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^[^a-z0-9]+/, "").slice(0, 64).replace(/[-.]+$/, "");
  return MODEL_NAME.test(name) ? name : "model";
}
function detectProject(repo) {
  const has = new Set(repo.files);
  const notes = [];
  const trainer = findTrainer(repo, has);
  if (trainer) notes.push(`trainer: ${trainer.path} (${trainer.command})`);
  const data = repo.files.filter((f) => DATA.test(f)).sort();
  if (data.length > 0) notes.push(`data: ${data.join(", ")}`);
  let metrics;
  const text2 = trainer?.path.endsWith(".py") ? repo.read(trainer.path) : void 0;
  const mentioned = text2 ? METRICS_LITERAL.exec(text2)?.[1] : void 0;
  if (mentioned) metrics = mentioned.replace(/^\.\//, "");
  else if (has.has("metrics.json")) metrics = "metrics.json";
  if (metrics) notes.push(`metrics file: ${metrics}${mentioned ? ` (mentioned in ${trainer?.path})` : ""}`);
  const metricNames = metrics ? numericKeys(repo.read(metrics)) : [];
  const requirements = has.has("requirements.txt");
  if (requirements) notes.push("requirements.txt: installed before training (setup-command)");
  const sources = [
    ...repo.files.some((f) => f.startsWith("src/") && f.endsWith(".py")) ? ["src/**"] : [],
    ...PARAMS.filter((p) => has.has(p))
  ];
  return {
    model: modelNameFrom(repo.name),
    ...trainer ? { trainer } : {},
    data,
    ...metrics ? { metrics } : {},
    metricNames,
    requirements,
    sources,
    notes
  };
}
function findTrainer(repo, has) {
  const py = PY_TRAINERS.find((p) => has.has(p));
  if (py) return { path: py, command: `python3 ${py}` };
  const pyproject = has.has("pyproject.toml") ? repo.read("pyproject.toml") : void 0;
  if (pyproject && /\[project\.scripts\][^[]*^\s*train\s*=/m.test(pyproject)) {
    return { path: "pyproject.toml", command: "train" };
  }
  const makefile = has.has("Makefile") ? repo.read("Makefile") : void 0;
  if (makefile && /^train\s*:/m.test(makefile)) return { path: "Makefile", command: "make train" };
  if (has.has("train.sh")) return { path: "train.sh", command: "bash train.sh" };
  return void 0;
}
function numericKeys(text2) {
  if (!text2) return [];
  try {
    const obj = JSON.parse(text2);
    if (!obj || typeof obj !== "object" || Array.isArray(obj)) return [];
    return Object.entries(obj).filter(([, v]) => typeof v === "number" && Number.isFinite(v)).map(([k]) => k).slice(0, 5);
  } catch {
    return [];
  }
}

// core/init/templates.ts
function majorOf(version) {
  const m = /^v?(\d+)\./.exec(version);
  return m ? Number(m[1]) : 0;
}
var SETUP = "pip install -r requirements.txt";
function starterWorkflows(pin, opts = {}) {
  const ref = (file) => `${pin.slug}/.github/workflows/${file}@v${pin.major}`;
  const setup = opts.setupCommand ? `      setup-command: ${opts.setupCommand}
` : `      # setup-command: ${SETUP}
`;
  return {
    "kiln-ci.yml": `# kiln CI: on each pull request (and push to main), validate → train → gate every model whose
# \`paths\` in .github/kiln.yml changed. The kiln app posts one PR comment and a check per model.
name: kiln-ci
on:
  pull_request:
  push:
    branches: [main]
  workflow_dispatch:

jobs:
  kiln:
    uses: ${ref("kiln-ci.yml")}
    permissions:
      contents: read
      actions: read # the gate's baseline: main's latest successful run
    with:
      # The training runner's labels as JSON; a GPU runner: '["self-hosted", "linux", "gpu"]'.
      runs-on: '["ubuntu-latest"]'
${setup}      # A sweep: train once per variant (the trainer reads KILN_VARIANT), gate the best one.
      # sweep-variants: '["lr-0.01", "lr-0.1"]'
      # sweep-metric: accuracy
    # secrets:
    #   TRAIN_ENV: \${{ secrets.KILN_TRAIN_ENV }} # KEY=value lines for the trainer
`,
    "kiln-cd.yml": `# kiln CD: on push to main, train and gate each changed model against production with main's
# policy, then deploy through the staging and production environments (set required reviewers
# on them under Settings → Environments).
name: kiln-cd
on:
  push:
    branches: [main]
  workflow_dispatch:

jobs:
  kiln:
    uses: ${ref("kiln-cd.yml")}
    permissions:
      contents: write # registry tags and releases
      deployments: write
      actions: read
    with:
      runs-on: '["ubuntu-latest"]'
${setup}      staging: staging # "" deploys straight to production
      production: production
    # secrets:
    #   DEPLOY_ENV: \${{ secrets.KILN_DEPLOY_ENV }} # KEY=value lines for the deploy command
`,
    "kiln-ct.yml": `# kiln CT: retrain on a schedule when the training data changed since the production version;
# the kiln app opens a retraining pull request when the new model passes the gate.
name: kiln-ct
on:
  schedule:
    - cron: "17 3 * * 1" # Mondays 03:17 UTC
  workflow_dispatch:

jobs:
  kiln:
    uses: ${ref("kiln-ct.yml")}
    permissions:
      contents: read
    with:
      runs-on: '["ubuntu-latest"]'
${setup}`,
    "kiln-monitor.yml": `# kiln monitoring: compare production data and live metrics with the production model, daily;
# a degraded model fails its job and the kiln app opens a retraining pull request.
name: kiln-monitor
on:
  schedule:
    - cron: "41 5 * * *" # daily 05:41 UTC
  workflow_dispatch:

jobs:
  kiln:
    uses: ${ref("kiln-monitor.yml")}
    permissions:
      contents: read
`
  };
}
function setupCommandFor(d) {
  return d.requirements ? SETUP : void 0;
}
function starterConfig(d, pin) {
  const docs = `https://github.com/${pin.slug}/blob/v${pin.major}/docs/configuration.md`;
  const paths = [
    .../* @__PURE__ */ new Set([
      ...d.trainer ? [d.trainer.path] : [],
      ...d.data,
      ...d.requirements ? ["requirements.txt"] : [],
      ...d.sources
    ])
  ];
  const lines = [
    "# kiln policy: what CI validates, trains and gates, and how CD deploys. Check it with",
    `# \`kiln config check\`; every key: ${docs}`,
    "# The policy that counts is the default branch's: a pull request cannot loosen its own gate.",
    "models:",
    `  ${d.model}:`,
    "    # Only changes to these retrain the model in CI (globs; [] = every change).",
    `    paths: ${paths.length > 0 ? `[${paths.map(yamlString).join(", ")}]` : "[]"}`,
    "    train:",
    d.trainer ? `      command: ${yamlString(d.trainer.command)}` : `      command: "python3 train.py" # TODO: your training command`,
    "      gpus: 0 # > 0 needs a GPU runner (runs-on in .github/workflows/kiln-ci.yml)",
    "      timeout: 1h",
    d.metrics ? `    metrics: ${yamlString(d.metrics)} # written by the trainer: JSON or YAML, nested keys become a.b` : "    metrics: metrics.json # TODO: the JSON or YAML file your trainer writes"
  ];
  if (d.data.length > 0) {
    const train2 = d.data.find((f) => /train/i.test(f)) ?? d.data[0];
    lines.push(
      "    data:",
      `      train: ${yamlString(train2)}`,
      "      # reference: data/reference.csv # drift baseline; default: the training data",
      "      fail-on: [anomalies, dataset-drift]"
    );
  } else {
    lines.push("    # data: { train: data/train.csv } # TODO: validate the training data (anomalies, drift)");
  }
  lines.push("    gate:", "      metrics:");
  if (d.metricNames.length > 0) {
    for (const name of d.metricNames) {
      lines.push(`        ${yamlKey(name)}: { max-regression: "2%" } # TODO: add an absolute min or max`);
    }
  } else {
    lines.push(
      "        # TODO: the rules a candidate must pass, e.g.",
      "        # accuracy: { min: 0.85, max-regression: 0.01 }",
      '        # log_loss: { direction: lower, max-regression: "5%" }',
      "        {}"
    );
  }
  lines.push(
    "    # deploy:",
    "    #   command: ./deploy.sh # gets MODEL_NAME, MODEL_VERSION, MODEL_PATH, ENVIRONMENT, …",
    "    #   environments:",
    '    #     staging: { health: { url: "https://staging.example/health" } }',
    '    #     production: { health: { url: "https://api.example/health" }, canary: [10, 50, 100] }',
    "    # monitor:",
    "    #   data: logs/serving/*.jsonl # recent production inputs",
    "    #   degrade: { drift-share: 0.5 }",
    "retrain: { cooldown: 24h, max-per-day: 2, labels: [retrain] }",
    ""
  );
  return lines.join("\n");
}
function yamlString(s) {
  return /^[A-Za-z0-9_./-][A-Za-z0-9_./ -]*$/.test(s) && !/ $/.test(s) && !/^(true|false|null|yes|no|~)$/i.test(s) && !/^[-.\d]+$/.test(s) ? s : JSON.stringify(s);
}
function yamlKey(s) {
  return /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(s) ? s : JSON.stringify(s);
}

// cli/commands/init.ts
var run3 = promisify3(execFile3);
var SKIP = /* @__PURE__ */ new Set([
  ".git",
  "node_modules",
  ".venv",
  "venv",
  "__pycache__",
  ".kiln",
  ".tox",
  "dist",
  "build"
]);
var MAX_FILES = 2e4;
function registerInit(program2, io) {
  program2.command("init").description("write starter workflows and a starter .github/kiln.yml").option("--force", "overwrite existing files").option("--dir <dir>", "the repository to set up (default: the current folder)").action(async (flags) => {
    const dir = resolve11(io.cwd, flags.dir ?? ".");
    if (!existsSync2(dir) || !statSync(dir).isDirectory()) {
      throw new UsageError(`${flags.dir ?? dir} is not a folder`);
    }
    if (!await insideGit(dir, io.env)) {
      throw new UsageError(`${dir} is not in a git repository`, {
        hint: "Run `git init` first, or pass --dir with your repository"
      });
    }
    const pkg = kilnPackage();
    if (!pkg.repository) throw new Error("package.json has no GitHub repository to pin workflows to");
    const pin = { slug: pkg.repository, major: majorOf(pkg.version) };
    const detected = detectProject({
      name: basename(dir),
      files: listFiles(dir),
      read: (p) => {
        try {
          return readFileSync(join6(dir, p), "utf8");
        } catch {
          return void 0;
        }
      }
    });
    const setupCommand = setupCommandFor(detected);
    const files = {};
    for (const [name, text2] of Object.entries(
      starterWorkflows(pin, setupCommand ? { setupCommand } : {})
    )) {
      files[`.github/workflows/${name}`] = text2;
    }
    const config = starterConfig(detected, pin);
    const checked = checkConfig(config);
    if (!checked.ok)
      throw new Error(
        `the starter config does not pass its own check: ${JSON.stringify(checked.problems)}`
      );
    files[CONFIG_PATH] = config;
    const existing = Object.keys(files).filter((f) => existsSync2(join6(dir, f)));
    if (existing.length > 0 && !flags.force) {
      throw new UsageError(`refusing to overwrite ${existing.join(", ")}`, {
        hint: "Pass --force to overwrite them, or move them aside"
      });
    }
    for (const [path, text2] of Object.entries(files)) {
      await mkdir2(join6(dir, path, ".."), { recursive: true });
      await writeFile2(join6(dir, path), text2);
    }
    const shown = relative4(io.cwd, dir) || ".";
    io.stdout(
      `kiln init: wrote ${Object.keys(files).length} files in ${shown} (pinned to ${pin.slug}@v${pin.major})
`
    );
    for (const path of Object.keys(files)) {
      io.stdout(`  ${existing.includes(path) ? "overwrote" : "wrote    "} ${path}
`);
    }
    io.stdout(`Detected (model ${detected.model}):
`);
    for (const note of detected.notes.length > 0 ? detected.notes : ["nothing: fill in the TODOs"]) {
      io.stdout(`  ${note}
`);
    }
    io.stdout(
      [
        "Next steps:",
        `  1. Edit ${CONFIG_PATH} (the TODOs: train command, metrics file, gate rules), then \`kiln config check\`.`,
        "  2. Try it locally: `kiln train --model " + detected.model + "` and `kiln gate --model " + detected.model + "`.",
        "  3. Install the kiln GitHub App on the repository, for PR comments and retraining PRs.",
        "  4. Create the staging and production environments (Settings → Environments) with required reviewers.",
        "  5. Commit .github/ and open a pull request: kiln-ci validates, trains and gates it.",
        ""
      ].join("\n")
    );
  });
}
async function insideGit(dir, env) {
  try {
    await run3("git", ["rev-parse", "--is-inside-work-tree"], {
      cwd: dir,
      encoding: "utf8",
      env: { ...env, LC_ALL: "C" }
    });
    return true;
  } catch {
    return false;
  }
}
function listFiles(dir) {
  const out = [];
  const walk = (rel, depth) => {
    if (depth > 3 || out.length >= MAX_FILES) return;
    let entries;
    try {
      entries = readdirSync(join6(dir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIP.has(e.name)) walk(path, depth + 1);
      } else if (e.isFile()) out.push(path);
    }
  };
  walk("", 0);
  return out.sort();
}

// cli/commands/monitor.ts
import { mkdir as mkdir3, writeFile as writeFile3 } from "node:fs/promises";
import { join as join7, relative as relative5, resolve as resolve12 } from "node:path";
var FORMATS2 = ["text", "json", "markdown"];
function registerMonitor(program2, io, exit) {
  program2.command("monitor").description("compare production data and live metrics with the production version → monitor.json").requiredOption("--model <name>", "model name from the config").option("--config <file>", "kiln config", CONFIG_PATH).option("--data <path>", "production inputs: file, glob or profile.json (default: monitor.data)").option("--metrics <file|url>", "live metrics: JSON file or http(s) URL (default: monitor.metrics)").option("--serving <path>", "serving-side features (logs, a feature-store export) to check for skew").option("--registry <dir>", "local registry folder (default: .kiln/registry)").option("--format <format>", "text, json (monitor.json on stdout) or markdown", "text").option("--out <dir>", "folder for monitor.json and summary.md (default: .kiln/monitor/<model>)").addHelpText(
    "after",
    "\nExit codes: 0 healthy · 1 degraded · 2 unusable input (e.g. no production version)."
  ).action(async (flags) => {
    if (!FORMATS2.includes(flags.format)) {
      throw new UsageError(`--format ${JSON.stringify(flags.format)} is not supported`, {
        hint: `Use ${FORMATS2.join(", ")}`
      });
    }
    const config = await loadConfig(io, flags.config);
    const model = modelOf(config, flags.model, flags.config);
    const { result } = await monitor({
      model: flags.model,
      config: model,
      root: io.cwd,
      data: flags.data,
      metrics: flags.metrics,
      serving: flags.serving,
      registry: flags.registry === void 0 ? cliPorts(io).registry : registryOf(io, flags.registry),
      fetch: (url, init) => fetch(url, init)
    });
    const markdown = renderMonitorMarkdown(result);
    const out = resolve12(io.cwd, flags.out ?? join7(".kiln", "monitor", flags.model));
    await mkdir3(out, { recursive: true });
    await writeFile3(join7(out, "monitor.json"), formatKilnFile(result));
    await writeFile3(join7(out, "summary.md"), markdown);
    if (flags.format === "json") io.stdout(formatKilnFile(result));
    else if (flags.format === "markdown") io.stdout(markdown);
    else io.stdout(renderMonitorText(result));
    io.stderr(`kiln monitor: wrote ${relative5(io.cwd, join7(out, "monitor.json")) || out}
`);
    exit(result.degraded ? 1 : 0);
  });
}

// cli/commands/not-built.ts
var PENDING = [];
function registerPending(program2) {
  for (const p of PENDING) {
    const cmd = program2.command(p.name).description(`${p.summary} [not built yet: issue #${p.issue}]`);
    for (const s of p.subcommands ?? []) {
      const sub = cmd.command(s.args ? `${s.name} ${s.args}` : s.name).description(s.summary);
      for (const [flags, description] of s.options ?? []) sub.option(flags, description);
      sub.action(() => {
        throw new NotBuiltYet(`kiln ${p.name} ${s.name}`, p.issue);
      });
    }
    if (p.args || !p.subcommands) {
      if (p.args) cmd.argument(p.args);
      for (const [flags, description] of p.options ?? []) cmd.option(flags, description);
      cmd.action(() => {
        throw new NotBuiltYet(`kiln ${p.name}`, p.issue);
      });
    }
  }
}

// cli/commands/sweep.ts
import { existsSync as existsSync3 } from "node:fs";
import { join as join8, resolve as resolve13 } from "node:path";
function registerSweep(program2, io, exit) {
  const sweep = program2.command("sweep").description("hyper-parameter sweeps: pick the best variant of a model");
  sweep.command("pick").description(
    "publish the best variant (kiln-run-<model>-<variant>) under the plain name kiln-run-<model>"
  ).requiredOption("--model <name>", "model name").requiredOption("--metric <name>", "metric to rank by").option(
    "--direction <direction>",
    "higher or lower (default: the gate's rule, else by the metric's name)"
  ).option("--config <file>", "kiln config, for the metric's direction", CONFIG_PATH).option("--out <dir>", "folder for the winner's run.json (default: .kiln/runs/<model>)").action(
    async (flags) => {
      assertModelName(flags.model, "--model");
      const direction = await directionOf(io, flags);
      const store = cliPorts(io).artifacts;
      const pick = await pickSweep({
        store,
        model: flags.model,
        metric: flags.metric,
        direction: direction.value,
        scratch: join8(io.cwd, LOCAL_STATE_DIR, "tmp", `sweep-${flags.model}`),
        outDir: resolve13(io.cwd, flags.out ?? `${LOCAL_STATE_DIR}/runs/${flags.model}`)
      });
      io.stdout(`${sweepTable(pick)}

`);
      io.stdout(
        `✅ published ${pick.published.name} from variant ${pick.winner.variant} (${flags.metric} ${pick.winner.value}, ${direction.value} is better: ${direction.why})
`
      );
      exit(0);
    }
  );
}
async function directionOf(io, flags) {
  if (flags.direction !== void 0) {
    if (flags.direction !== "higher" && flags.direction !== "lower") {
      throw new UsageError(`--direction ${JSON.stringify(flags.direction)} is not supported`, {
        hint: "Use higher or lower"
      });
    }
    return { value: flags.direction, why: "--direction" };
  }
  if (flags.config !== CONFIG_PATH || existsSync3(resolve13(io.cwd, flags.config))) {
    const config = await loadConfig(io, flags.config);
    const rule = config.models[flags.model]?.gate.metrics[flags.metric];
    if (rule?.direction) {
      return { value: rule.direction, why: `models.${flags.model}.gate.metrics.${flags.metric}.direction` };
    }
  }
  return { value: defaultDirection(flags.metric), why: "by the metric's name" };
}

// cli/commands/train.ts
import { join as join9, relative as relative6 } from "node:path";
function registerTrain(program2, io, exit) {
  program2.command("train").description("run the trainer with logs, timeout, GPU preflight and telemetry → run.json").argument(
    "[command...]",
    "training command after `--`, run as given without a shell (default: train.command)"
  ).requiredOption("--model <name>", "model name from the config").option("--config <file>", "kiln config", CONFIG_PATH).option("--out <dir>", "output folder (default: .kiln/runs/<model>[-<variant>])").option("--gpus <n>", "GPUs to require (default: train.gpus)").option("--variant <name>", "sweep variant: uploads kiln-run-<model>-<variant>").option("--grace-period <duration>", "time between SIGTERM and SIGKILL when stopping the trainer", "10s").addHelpText(
    "after",
    "\nExamples:\n  kiln train --model penguins\n  kiln train --model penguins --variant small -- python3 train.py --out model/\n\nEnvironment: KILN_TELEMETRY_INTERVAL (GPU sampling, default 5s), KILN_RUNNER_LABELS (recorded labels)."
  ).action(async (words, flags, cmd) => {
    const raw = cmd.parent?.rawArgs ?? [];
    if (words.length > 0 && !raw.includes("--")) {
      throw new UsageError(`unexpected argument ${JSON.stringify(words[0])}`, {
        hint: `Put the training command after \`--\`: kiln train --model ${flags.model} -- ${words.join(" ")}`
      });
    }
    const gpus = flags.gpus === void 0 ? void 0 : parseCount(flags.gpus);
    const graceMs = parseDuration(flags.gracePeriod, "--grace-period") * 1e3;
    const interval = io.env.KILN_TELEMETRY_INTERVAL;
    const telemetryIntervalMs = interval ? parseDuration(interval, "KILN_TELEMETRY_INTERVAL") * 1e3 : DEFAULT_TELEMETRY_INTERVAL_MS;
    const config = await loadConfig(io, flags.config);
    const model = modelOf(config, flags.model, flags.config);
    const out = flags.out ?? `${LOCAL_STATE_DIR}/runs/${flags.model}${flags.variant ? `-${flags.variant}` : ""}`;
    const cancellation = new Cancellation();
    const onSignal = (signal) => {
      io.stderr(
        cancellation.requested ? `kiln: ${signal} again: killing the trainer now
` : `kiln: ${signal}: stopping the trainer (${signal} again kills it at once)
`
      );
      cancellation.cancel(`${signal} to kiln`);
    };
    const store = cliPorts(io).artifacts;
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    try {
      const result = await train(
        {
          model: flags.model,
          config: model,
          configFile: flags.config,
          cwd: io.cwd,
          outDir: out,
          ...words.length ? { command: words } : {},
          ...gpus === void 0 ? {} : { gpus },
          ...flags.variant ? { variant: flags.variant } : {},
          graceMs,
          telemetryIntervalMs,
          env: io.env,
          runner: runnerFromEnv(io.env),
          ...ciOf(io),
          resume: true
        },
        {
          store,
          cancellation,
          onLine: (stream, line) => (stream === "stdout" ? io.stdout : io.stderr)(`${line}
`),
          onNote: (message, level) => io.stderr(`kiln: ${level === "warning" ? "warning: " : ""}${message}
`)
        }
      );
      const shown = relative6(io.cwd, result.runPath) || result.runPath;
      const metrics = Object.entries(result.run.metrics).slice(0, 6).map(([k, v]) => `${k} ${v}`).join(", ");
      io.stdout(
        `${OUTCOME_ICON[result.outcome]} ${flags.model}${flags.variant ? ` (${flags.variant})` : ""}: ${result.outcome} in ${result.run.duration_s} s${result.failure ? ` — ${result.failure}` : metrics ? ` — ${metrics}` : ""}
   run.json: ${shown}; artifact: ${relative6(io.cwd, join9(store.root, store.runId, result.artifact.name))}/
`
      );
      exit(result.outcome === "succeeded" ? 0 : 1);
    } finally {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
  });
}
function parseCount(value) {
  if (!/^\d+$/.test(value)) {
    throw new UsageError(`--gpus ${JSON.stringify(value)} is not a whole number`, {
      hint: "Use e.g. --gpus 1"
    });
  }
  return Number(value);
}
function ciOf(io) {
  const ci = ciFromEnv(io.env);
  const fallback = {
    ...io.env.GITHUB_SHA ? { sha: io.env.GITHUB_SHA } : {},
    ...io.env.GITHUB_REF ? { ref: io.env.GITHUB_REF } : {}
  };
  return { ...ci ? { ci } : {}, ...Object.keys(fallback).length ? { codeFallback: fallback } : {} };
}

// cli/commands/validate.ts
import { mkdir as mkdir4, writeFile as writeFile4 } from "node:fs/promises";
import { dirname, join as join10, resolve as resolve14 } from "node:path";
var FORMATS3 = ["text", "json", "markdown"];
function registerValidate(program2, io, exit) {
  program2.command("validate").description("validate data against a schema and a reference: anomalies and drift → report.json").argument(
    "[current]",
    "data to validate (CSV/TSV, JSON Lines, Parquet, .gz) or its profile.json; default: the model's data.train"
  ).option(
    "--reference <file>",
    "reference data or profile.json (default: data.reference, else the production model's training profile)"
  ).option("--schema <file>", "schema YAML (default: the model's data.schema)").option("--config <file>", "kiln config, with --model").option("--model <name>", "take files, drift settings and fail-on from this model's data section").option("--format <format>", "text, json (report.json on stdout) or markdown", "text").option("--out <dir>", "also write report.json, profile.json and summary.md here").action(async (current, opts) => {
    const format = checkFormat(opts.format);
    const model = opts.model ? await modelFromConfig(io, opts) : null;
    const plan = await planValidation(
      { current, reference: opts.reference, schema: opts.schema },
      model,
      model ? cliPorts(io).registry : null
    );
    const run4 = await runValidation(plan, { root: io.cwd, onProgress: progressPrinter(io) });
    const { report } = run4;
    const markdown = renderValidationMarkdown(report, {
      timing: { seconds: run4.seconds, rows: report.rows.current }
    });
    if (opts.out) {
      const out = resolve14(io.cwd, opts.out);
      await mkdir4(out, { recursive: true });
      await writeFile4(join10(out, "report.json"), formatKilnFile(report));
      await writeFile4(join10(out, "profile.json"), formatKilnFile(profileToJSON(run4.current)));
      await writeFile4(join10(out, "summary.md"), markdown);
    }
    if (format === "json") io.stdout(formatKilnFile(report));
    else if (format === "markdown") io.stdout(markdown);
    else io.stdout(textReport(report, run4.seconds));
    exit(report.passed ? 0 : 1);
  });
}
function registerProfile(program2, io) {
  const profile = program2.command("profile").description("profile data into mergeable per-column sketches → profile.json").argument("<data>", "data file (CSV/TSV, JSON Lines, Parquet, .gz)").option(
    "--shard <i/n>",
    "profile only shard i of n (byte ranges, or row groups for Parquet); merge with `kiln profile merge`"
  ).option("--out <file>", "where to write profile.json (default: stdout)").action(async (data, opts) => {
    const shard = opts.shard ? parseShard(opts.shard) : void 0;
    const report = progressPrinter(io);
    const p = await loadProfile(data, {
      root: io.cwd,
      ...shard ? { shard } : {},
      onProgress: (rows) => report(data, rows)
    });
    await emit(io, opts.out, formatKilnFile(profileToJSON(p)));
    io.stderr(
      `profiled ${formatCount(p.rows)} rows, ${p.columns.length} columns${shard ? ` (shard ${opts.shard})` : ""}
`
    );
  });
  profile.command("merge").description("merge shard profiles into one (equal to a single pass)").argument("<profiles...>", "profile.json files of the shards").option("--out <file>", "where to write the merged profile.json (default: stdout)").action(async (files, opts) => {
    const parts = await Promise.all(files.map((f) => loadProfile(f, { root: io.cwd })));
    await emit(io, opts.out, formatKilnFile(profileToJSON(mergeProfiles(parts))));
  });
}
function registerSchema(program2, io) {
  const schema = program2.command("schema").description("infer and edit data schemas");
  schema.command("infer").description(
    "infer a readable schema YAML from data (categories when ≤ 100 values; ranges only with --ranges)"
  ).argument("<data>", "data file or profile.json").requiredOption("--out <file>", "schema YAML to write").option("--ranges", "pin numeric and datetime columns to the observed min and max").action(async (data, opts) => {
    const p = await loadProfile(data, { root: io.cwd });
    const text2 = formatDataSchema(inferSchema(p, { ranges: opts.ranges === true }), data);
    await emit(io, opts.out, text2);
    io.stderr(`wrote ${opts.out}: ${p.columns.length} columns from ${formatCount(p.rows)} rows
`);
  });
}
function checkFormat(format) {
  if (!FORMATS3.includes(format)) {
    throw new UsageError(`--format ${JSON.stringify(format)} is not supported`, {
      hint: `Use ${FORMATS3.join(", ")}`
    });
  }
  return format;
}
async function modelFromConfig(io, opts) {
  const file = opts.config ?? ".github/kiln.yml";
  const config = await loadConfig(io, file);
  const name = opts.model;
  const model = modelOf(config, name, file);
  return { name, config: model };
}
async function emit(io, out, text2) {
  if (!out) {
    io.stdout(text2);
    return;
  }
  const file = resolve14(io.cwd, out);
  await mkdir4(dirname(file), { recursive: true });
  await writeFile4(file, text2);
}
function progressPrinter(io) {
  return progressLines((line) => io.stderr(`  ${line}
`));
}
function textReport(report, seconds) {
  const lines = [verdictLine(report)];
  for (const a of report.anomalies) {
    const rows = a.examples.map((e) => e.row).join(", ");
    lines.push(
      `  ${a.kind}${a.column ? ` ${JSON.stringify(a.column)}` : ""}: ${a.message}${rows ? ` (rows ${rows}${a.count > a.examples.length ? ", …" : ""})` : ""}`
    );
  }
  for (const c of report.columns) {
    if (c.drift?.drifted) {
      lines.push(
        `  drift ${JSON.stringify(c.name)}: ${c.drift.method} ${c.drift.statistic.toPrecision(3)}${c.drift.p_value === null ? "" : ` (p ${c.drift.p_value.toPrecision(2)})`}, threshold ${c.drift.threshold}`
      );
    }
  }
  lines.push(`  ${formatCount(report.rows.current)} rows in ${seconds.toFixed(2)} s`);
  return `${lines.join("\n")}
`;
}

// cli/program.ts
function buildProgram(io, exit) {
  const program2 = new Command("kiln").description(
    "CI/CD/CT for machine-learning repositories: validate, train, gate, deploy, monitor, retrain."
  ).version(kilnPackage().version, "-V, --version").showSuggestionAfterError(true).configureOutput({ writeOut: io.stdout, writeErr: io.stderr }).exitOverride().addHelpText(
    "after",
    "\nExit codes: 0 pass · 1 a check failed · 2 unusable input or usage.\nKILN_DEBUG=1 shows stack traces. Docs: docs/ in the kiln repository."
  );
  registerPending(program2);
  registerValidate(program2, io, exit);
  registerProfile(program2, io);
  registerSchema(program2, io);
  registerGate(program2, io, exit);
  registerDiff(program2, io, exit);
  registerConfig(program2, io, exit);
  registerConfigModels(program2, io);
  registerInit(program2, io);
  registerDemo(program2, io, exit, runCli);
  registerTrain(program2, io, exit);
  registerSweep(program2, io, exit);
  registerRegistry(program2, io);
  registerDeploy(program2, io, exit);
  registerMonitor(program2, io, exit);
  registerCt(program2, io, exit);
  const order = [
    "validate",
    "profile",
    "schema",
    "train",
    "sweep",
    "gate",
    "diff",
    "registry",
    "deploy",
    "monitor",
    "ct",
    "init",
    "config",
    "demo"
  ];
  program2.commands.sort((a, b) => order.indexOf(a.name()) - order.indexOf(b.name()));
  return program2;
}
async function runCli(argv, io) {
  let code = 0;
  const program2 = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program2.parseAsync(argv, { from: "user" });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 || err.code === "commander.helpDisplayed" || err.code === "commander.version" ? 0 : 2;
    }
    io.stderr(
      err instanceof KilnError ? `kiln: ${describeError(err)}
` : `kiln: internal error: ${describeError(err)} (KILN_DEBUG=1 shows the stack; please report it)
`
    );
    if (io.env.KILN_DEBUG === "1" && err instanceof Error && err.stack) io.stderr(`${err.stack}
`);
    return exitCodeOf(err);
  }
}

// cli/main.ts
setFlagsFromString("--max-semi-space-size=1");
process.exitCode = await runCli(process.argv.slice(2), processIo());
