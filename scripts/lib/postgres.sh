#!/usr/bin/env bash
# Makes a PostgreSQL reachable at $PGHOST:$PGPORT as $PGUSER, in this order:
#   1. reuse one that answers;
#   2. start the machine's Debian clusters (pg_ctlcluster);
#   3. as root on Debian/Ubuntu without PostgreSQL: apt-get install postgresql, then 2;
#   4. initialise and start a private trust-auth cluster under $PGSIGNAL_PGDATA from the installed binaries;
#   5. otherwise stop and say exactly what to do.
# Sourced by scripts/run and scripts/test.

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
PGSIGNAL_PGDATA="${PGSIGNAL_PGDATA:-/var/tmp/pg-signal-pgdata}"

pg_log() { printf '[postgres] %s\n' "$*" >&2; }

pg_bin() {
  local name="$1" found
  found="$(command -v "$name" 2>/dev/null)" && { echo "$found"; return 0; }
  found="$(ls -d /usr/lib/postgresql/*/bin/"$name" 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$found" ] && echo "$found"
}

pg_answers() {
  local psql; psql="$(pg_bin psql)"
  if [ -n "$psql" ]; then
    "$psql" -w -d "${PGDATABASE:-postgres}" -Atqc 'SELECT 1' >/dev/null 2>&1
  else
    # No client: a TCP handshake is the best we can check; the JDBC driver reports auth problems itself.
    (exec 3<>"/dev/tcp/$PGHOST/$PGPORT") 2>/dev/null
  fi
}

pg_port_open() { (exec 3<>"/dev/tcp/$PGHOST/$PGPORT") 2>/dev/null; }

pg_wait() {
  for _ in $(seq 1 30); do pg_answers && return 0; sleep 1; done
  return 1
}

pg_start_debian_clusters() {
  command -v pg_lsclusters >/dev/null 2>&1 || return 1
  local started=1 ver name
  while read -r ver name _; do
    [ -n "$ver" ] || continue
    pg_log "starting Debian cluster $ver/$name"
    pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" start >/dev/null 2>&1 || true
    started=0
  done < <(pg_lsclusters --no-header 2>/dev/null)
  [ "$started" -eq 0 ] && pg_wait
}

pg_install_debian() {
  [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1 || return 1
  pg_log "installing PostgreSQL with apt-get (root on Debian/Ubuntu)"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-client >/dev/null
}

pg_start_private_cluster() {
  local initdb pg_ctl as=()
  initdb="$(pg_bin initdb)"; pg_ctl="$(pg_bin pg_ctl)"
  [ -n "$initdb" ] && [ -n "$pg_ctl" ] || return 1
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir "$PGSIGNAL_PGDATA" postgres
    as=(runuser -u postgres --)
  fi
  mkdir -p "$PGSIGNAL_PGDATA"
  [ "$(id -u)" -eq 0 ] && chown postgres "$PGSIGNAL_PGDATA"
  if [ ! -f "$PGSIGNAL_PGDATA/PG_VERSION" ]; then
    pg_log "initialising a private trust-auth cluster in $PGSIGNAL_PGDATA"
    "${as[@]}" "$initdb" -D "$PGSIGNAL_PGDATA" -U postgres --auth=trust >/dev/null || return 1
  fi
  pg_log "starting the private cluster on $PGHOST:$PGPORT"
  "${as[@]}" "$pg_ctl" -D "$PGSIGNAL_PGDATA" -l "$PGSIGNAL_PGDATA/server.log" -w \
    -o "-p $PGPORT -k /tmp -c listen_addresses=$PGHOST" start >/dev/null || return 1
  pg_wait
}

ensure_postgres() {
  pg_answers && { pg_log "using PostgreSQL at $PGHOST:$PGPORT"; return 0; }
  if pg_port_open; then
    pg_log "PostgreSQL at $PGHOST:$PGPORT refuses user '$PGUSER' without a password."
    pg_log "Set PGUSER/PGPASSWORD (and QUARKUS_DATASOURCE_USERNAME/_PASSWORD), or allow trust for 127.0.0.1 in pg_hba.conf."
    return 1
  fi
  pg_start_debian_clusters && return 0
  if [ -z "$(pg_bin initdb)" ]; then
    pg_install_debian && pg_start_debian_clusters && return 0
  fi
  pg_start_private_cluster && return 0
  pg_log "No PostgreSQL reachable at $PGHOST:$PGPORT and none could be started."
  pg_log "Install PostgreSQL 15+ (Debian: sudo apt-get install postgresql), start it, and make user '$PGUSER'"
  pg_log "reachable on $PGHOST:$PGPORT (trust, or export PGPASSWORD); or point PGHOST/PGPORT at a running server."
  return 1
}
