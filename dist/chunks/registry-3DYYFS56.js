import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  GitHubRegistry
} from "./chunk-4IE4NXPE.js";
import "./chunk-JNPW6ZGK.js";
import "./chunk-YL2NVZX5.js";
import "./chunk-B4HGDC6Z.js";
import "./chunk-GZNMPYED.js";
import "./chunk-DWBXFSL2.js";
import "./chunk-G7BTACU2.js";
import "./chunk-EQVTLXOE.js";
import "./chunk-SG4ICILI.js";
import "./chunk-MYTDQ55T.js";
import "./chunk-UBBLWZDB.js";
export {
  GitHubRegistry
};
