# Shared by scripts/measure-sizing.sh and scripts/failover-drill.sh (source it from the repository root, after
# setting `scratch`, the word that names the run's database and token): a scratch database and folder, the PIDs
# to stop at the end, and the packaged service started on them.
#   sets: pg, db, token, work, pids (append every process you start)
#   stop_scratch: stops every PID in pids, drops the database, removes the folder (call it from your EXIT trap)
#   start_service REDIS_HOSTS [VAR=value ...]: the service on $http (management $http + 1) with $java_opts,
#     the app in $app, its log in $work/app.log; waits until it is ready and appends its PID (also app_pid)
pg=${PGHOST_URL:-127.0.0.1:5432}
db="sp_${scratch}_$(date +%s)"
token="${scratch}-$(head -c 33 /dev/urandom | base64 | tr -d '/+=')" # production refuses fewer than 32 characters
work=$(mktemp -d)
pids=()

stop_scratch() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  psql -h "${pg%:*}" -p "${pg##*:}" -U postgres -q -c "drop database if exists $db with (force)" >/dev/null 2>&1 || true
  rm -rf "$work"
}

start_service() {
  local redis_hosts=$1
  shift
  psql -h "${pg%:*}" -p "${pg##*:}" -U postgres -q -c "create database $db" >/dev/null
  # java_opts is word-split on purpose: several JVM options in one variable.
  # shellcheck disable=SC2086
  env QUARKUS_HTTP_PORT="$http" QUARKUS_MANAGEMENT_PORT=$((http + 1)) \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$pg/$db" QUARKUS_REDIS_HOSTS="$redis_hosts" \
    SHAREPULSE_ADMIN_TOKEN="$token" SHAREPULSE_CLIENT_IP_TRUSTED_PROXIES=127.0.0.1 "$@" \
    java ${java_opts:-} -jar "$app/quarkus-run.jar" >"$work/app.log" 2>&1 &
  app_pid=$!
  pids+=("$app_pid")
  until curl -sf "http://127.0.0.1:$((http + 1))/q/health/ready" >/dev/null; do sleep 0.5; done
}
