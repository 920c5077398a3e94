import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  readText,
  registerConfig
} from "./chunk-FWOLUQVF.js";
import "./chunk-KPESWHBM.js";
import "./chunk-PGCZXT7T.js";
import "./chunk-PDXLEUAN.js";
import "./chunk-7H2JNFCY.js";
import "./chunk-Y6U7BRVI.js";
import "./chunk-ZODBETJN.js";
import "./chunk-MYTDQ55T.js";
import "./chunk-UBBLWZDB.js";
export {
  readText,
  registerConfig
};
