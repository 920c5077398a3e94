import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  context,
  getOctokit
} from "./chunk-P3QK5LDH.js";
import "./chunk-6KJQQKP5.js";
import "./chunk-UBBLWZDB.js";
export {
  context,
  getOctokit
};
