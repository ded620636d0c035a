#!/bin/sh
# Runs once, when the PostgreSQL volume is first initialised (docker-entrypoint-initdb.d): one
# role per owner, so the product and Temporal cannot touch each other's data. Temporal's role
# may create databases: its schema job creates `temporal` and `temporal_visibility` itself.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v temporal_password="$TEMPORAL_DB_PASSWORD" -v app_password="$APP_DB_PASSWORD" <<'SQL'
CREATE ROLE temporal LOGIN CREATEDB PASSWORD :'temporal_password';
CREATE ROLE review_cycles LOGIN PASSWORD :'app_password';
CREATE DATABASE review_cycles OWNER review_cycles;
SQL
