import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  readText,
  registerConfig
} from "./chunk-XANEKLA3.js";
import "./chunk-F75MKDK6.js";
import "./chunk-MGNZCMU2.js";
import "./chunk-MP5RYPAE.js";
import "./chunk-SHX5IHM6.js";
import "./chunk-MYTDQ55T.js";
import "./chunk-UBBLWZDB.js";
export {
  readText,
  registerConfig
};
