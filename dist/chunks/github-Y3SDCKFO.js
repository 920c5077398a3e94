import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  context,
  getOctokit
} from "./chunk-WY7HVP6Q.js";
import "./chunk-GZVZSOMD.js";
import "./chunk-UBBLWZDB.js";
export {
  context,
  getOctokit
};
