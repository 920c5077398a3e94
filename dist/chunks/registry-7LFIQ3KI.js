import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  GitHubRegistry
} from "./chunk-436VCQGK.js";
import "./chunk-V22KD7DU.js";
import "./chunk-2HWJY6OA.js";
import "./chunk-FJYPH2ZX.js";
import "./chunk-GQAPX3NK.js";
import "./chunk-7H2JNFCY.js";
import "./chunk-Y6U7BRVI.js";
import "./chunk-ZODBETJN.js";
import "./chunk-MYTDQ55T.js";
import "./chunk-UBBLWZDB.js";
export {
  GitHubRegistry
};
