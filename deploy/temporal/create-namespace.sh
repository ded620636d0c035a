#!/bin/sh
# Registers the product's namespace once. Reviews are archived to PostgreSQL when they close, so
# Temporal only needs to keep closed histories for a while (NAMESPACE_RETENTION).
set -eu
until temporal operator cluster health --address "$TEMPORAL_ADDRESS"; do
  echo 'waiting for the Temporal server'
  sleep 2
done
temporal operator namespace describe --address "$TEMPORAL_ADDRESS" --namespace "$NAMESPACE" >/dev/null 2>&1 ||
  temporal operator namespace create --address "$TEMPORAL_ADDRESS" --namespace "$NAMESPACE" --retention "$NAMESPACE_RETENTION"
echo "namespace $NAMESPACE ready"
