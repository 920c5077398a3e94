import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  GitHubRegistry
} from "./chunk-ALCRENZG.js";
import "./chunk-F4CURCEI.js";
import "./chunk-M6G5W46Y.js";
import "./chunk-MP5RYPAE.js";
import "./chunk-SHX5IHM6.js";
import "./chunk-MYTDQ55T.js";
import "./chunk-UBBLWZDB.js";
export {
  GitHubRegistry
};
