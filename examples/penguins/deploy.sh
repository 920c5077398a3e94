#!/bin/sh
# Stand-in deploy step for the example: kiln deploy runs it once per rollout step with the
# variables below set, and a real repository would push MODEL_PATH to its serving platform here.
echo "deploy: ${MODEL_NAME:-?} version ${MODEL_VERSION:-?} to ${ENVIRONMENT:-?} at ${TRAFFIC_PERCENT:-?}% traffic"
echo "deploy: model uri ${MODEL_URI:-?}, files at ${MODEL_PATH:-?}"
exit 0
