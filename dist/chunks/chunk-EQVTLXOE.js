import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);

// core/file-format.ts
function formatKilnFile(value) {
  return `${JSON.stringify(value, null, 2)}
`;
}

export {
  formatKilnFile
};
