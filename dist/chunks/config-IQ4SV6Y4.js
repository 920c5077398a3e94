import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  readText,
  registerConfig
} from "./chunk-TM36B4N3.js";
import "./chunk-WICR2OBL.js";
import "./chunk-46AJR4GE.js";
import "./chunk-F75MKDK6.js";
import "./chunk-KYS2IVY2.js";
import "./chunk-Y2ESGF5V.js";
import "./chunk-SDI6CA5V.js";
import "./chunk-MYTDQ55T.js";
import "./chunk-UBBLWZDB.js";
export {
  readText,
  registerConfig
};
