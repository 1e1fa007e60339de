# Shell functions that scripts/demo.sh and scripts/load-test.sh source to
# run the test PKI's services and tinysign-server on 127.0.0.1. Every
# process they start is recorded in loopback_pids and ended by
# stop_loopback_services, which the caller installs as an EXIT trap.

loopback_pids=()

# port_is_free PORT succeeds when nothing accepts connections on
# 127.0.0.1:PORT.
port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# free_port START prints the first free loopback port from START upwards.
free_port() {
  local port="$1"
  while ! port_is_free "$port"; do
    port=$((port + 1))
  done
  echo "$port"
}

# wait_for_url URL SECONDS polls URL until it returns 2xx, or fails after
# SECONDS.
wait_for_url() {
  local url="$1" deadline=$((SECONDS + $2))
  until curl -sf -o /dev/null "$url"; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "error: $url did not return 2xx within $2 s" >&2
      return 1
    fi
    sleep 0.2
  done
}

# start_testpki BIN_DIR PKI_DIR PORT LOG generates the test PKI into
# PKI_DIR (seed 1, so every run writes the same keys) with its OCSP, CRL
# and TSA URLs on 127.0.0.1:PORT, then serves it there.
start_testpki() {
  local bin="$1" dir="$2" port="$3" log="$4"
  rm -rf "$dir"
  "$bin/tinysign-testpki" generate --out "$dir" --seed 1 \
    --base-url "http://127.0.0.1:$port" >/dev/null
  "$bin/tinysign-testpki" serve --dir "$dir" \
    --listen "127.0.0.1:$port" 2>"$log" &
  loopback_pids+=($!)
  wait_for_url "http://127.0.0.1:$port/crl/gost2015_ca.crl" 10
}

# start_server BIN_DIR TRUST_DIR PORT LOG starts tinysign-server on
# 127.0.0.1:PORT and waits for /readyz. TINYSIGN_SERVER_PID gets its
# process id.
start_server() {
  local bin="$1" trust="$2" port="$3" log="$4"
  "$bin/tinysign-server" --listen "127.0.0.1:$port" --trust "$trust" \
    2>"$log" &
  TINYSIGN_SERVER_PID=$!
  loopback_pids+=("$TINYSIGN_SERVER_PID")
  wait_for_url "http://127.0.0.1:$port/readyz" 20
}

# stop_loopback_services sends SIGTERM to every process started above and
# waits for each to exit.
stop_loopback_services() {
  local pid
  for pid in "${loopback_pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${loopback_pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  loopback_pids=()
}
