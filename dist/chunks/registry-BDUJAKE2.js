import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  GitHubRegistry
} from "./chunk-UXV2IIVY.js";
import "./chunk-KMZ53XZQ.js";
import "./chunk-64T2DFE2.js";
import "./chunk-4AQFQO2E.js";
import "./chunk-KYS2IVY2.js";
import "./chunk-Y2ESGF5V.js";
import "./chunk-SDI6CA5V.js";
import "./chunk-MYTDQ55T.js";
import "./chunk-UBBLWZDB.js";
export {
  GitHubRegistry
};
