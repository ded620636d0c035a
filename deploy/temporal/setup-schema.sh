#!/bin/sh
# Creates Temporal's two databases when missing and brings their schemas up to the version of
# the admin-tools image (the same version as the server). Safe to run on every `up`: that is
# how an upgrade of TEMPORAL_VERSION gets its schema changes.
set -eu
sql() { temporal-sql-tool --plugin postgres12 --endpoint postgresql --port 5432 --user temporal "$@"; }
for db in temporal temporal_visibility; do
  dir=temporal
  [ "$db" = temporal_visibility ] && dir=visibility
  sql --db "$db" create 2>/dev/null || echo "database $db already exists"
  sql --db "$db" setup-schema -v 0.0
  sql --db "$db" update-schema -d "/etc/temporal/schema/postgresql/v12/$dir/versioned"
done
