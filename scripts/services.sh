#!/usr/bin/env bash
# What the tests need, installed and started on this machine: PostgreSQL, Redis,
# Elasticsearch 8 (from Maven Central), Debian's Chromium with its driver, GNU gettext,
# axe-core (npm, pinned in package-lock.json, for the accessibility test) and docker-compose
# (to validate docker-compose.yml).
# Idempotent: what runs already is left as it is.
#
#   scripts/services.sh          set up and start; write .services/env for the tests
#   scripts/services.sh --check  only say what is missing
#
# As root on Debian it installs what is missing (apt-get); otherwise it says what to install
# and carries on with what there is (the tests then run on SQLite, and the browser journeys
# say they were skipped). `make test` runs it and sources .services/env.
set -uo pipefail
cd "$(dirname "$0")/.."

DB_NAME="${DASTSAZ_TEST_DB:-dastsaz}"
STATE=.services
mkdir -p "$STATE"
ENV_FILE="$STATE/env"


say() { printf 'services: %s\n' "$*" >&2; }
is_root() { [ "$(id -u)" = 0 ]; }

apt_updated=""
install() {  # install Debian packages, as root only
    if ! is_root || ! command -v apt-get >/dev/null 2>&1; then
        say "missing: $* — install it with: sudo apt-get install -y $*"
        return 1
    fi
    if [ -z "$apt_updated" ]; then
        say "apt-get update"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && apt_updated=1
    fi
    say "installing $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

check_only=""
[ "${1:-}" = "--check" ] && check_only=1
[ -n "$check_only" ] || : >"$ENV_FILE"

# --- PostgreSQL -----------------------------------------------------------------------------
postgres() {
    if ! command -v pg_ctlcluster >/dev/null 2>&1; then
        [ -n "$check_only" ] && { say "missing: postgresql"; return 1; }
        install postgresql || return 1
    fi
    local version
    version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
    [ -n "$version" ] || { say "no PostgreSQL cluster in /etc/postgresql"; return 1; }
    [ -n "$check_only" ] && return 0
    if ! pg_isready -q -h 127.0.0.1 -p 5432; then
        is_root || { say "PostgreSQL $version is not running: sudo pg_ctlcluster $version main start"; return 1; }
        pg_ctlcluster --skip-systemctl-redirect "$version" main start
        for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
    fi
    if is_root; then
        # Tests connect over TCP as postgres without a password: trust loopback only.
        local hba="/etc/postgresql/$version/main/pg_hba.conf"
        local rule="host    all             postgres        127.0.0.1/32            trust"
        if ! grep -qF "$rule" "$hba"; then
            say "allowing the tests in (trust for postgres on 127.0.0.1)"
            sed -i "0,/^host/s//$(printf '%s' "$rule" | sed 's/[\/&]/\\&/g')\n&/" "$hba"
            pg_ctlcluster --skip-systemctl-redirect "$version" main reload
        fi
    fi
    if ! psql -h 127.0.0.1 -U postgres -Atqc "select 1" postgres >/dev/null 2>&1; then
        say "cannot connect to PostgreSQL as postgres on 127.0.0.1 (set DATABASE_URL yourself)"
        return 1
    fi
    psql -h 127.0.0.1 -U postgres -Atqc "select 1 from pg_database where datname='$DB_NAME'" \
        postgres | grep -q 1 || createdb -h 127.0.0.1 -U postgres "$DB_NAME"
    echo "export DATABASE_URL=\${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/$DB_NAME}" >>"$ENV_FILE"
}

# --- Redis ----------------------------------------------------------------------------------
redis() {
    if ! command -v redis-server >/dev/null 2>&1; then
        [ -n "$check_only" ] && { say "missing: redis-server"; return 1; }
        install redis-server || return 1
    fi
    [ -n "$check_only" ] && return 0
    if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
        redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" \
            --dir "$PWD/$STATE" --logfile "$PWD/$STATE/redis.log" >/dev/null
        for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.5; done
    fi
    echo "export REDIS_URL=\${REDIS_URL:-redis://127.0.0.1:6379/0}" >>"$ENV_FILE"
}

# --- Elasticsearch 8, from Maven Central ------------------------------------------------------
# Elastic's integration-test distribution (org.elasticsearch.distribution.integ-test-zip),
# unpacked by scripts/elasticsearch/pom.xml and run on loopback with a 512 MB heap. It refuses
# to run as root, so as root it runs as the system user dastsaz-es from /var/lib/dastsaz.
ES_VERSION=8.14.1
ES_PORT="${DASTSAZ_ES_PORT:-9200}"
es_up() {
    curl -fsS -m 2 -D - -o /dev/null "http://127.0.0.1:$ES_PORT/_cluster/health" 2>/dev/null |
        grep -qi '^x-elastic-product: *Elasticsearch'
}
elasticsearch() {
    local java_bin
    if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
        [ -n "$check_only" ] && { say "missing: Java 17 and Maven (openjdk-17-jre-headless maven)"; return 1; }
        install openjdk-17-jre-headless maven || return 1
    fi
    [ -n "$check_only" ] && return 0
    if ! es_up; then
        local base user=""
        if is_root; then
            base=/var/lib/dastsaz
            id dastsaz-es >/dev/null 2>&1 ||
                useradd --system --home-dir "$base" --shell /usr/sbin/nologin dastsaz-es
            user=dastsaz-es
        else
            base="$PWD/$STATE"
        fi
        local home="$base/elasticsearch-$ES_VERSION"
        mkdir -p "$base/es-data" "$base/es-logs"
        if [ ! -x "$home/bin/elasticsearch" ]; then
            say "fetching Elasticsearch $ES_VERSION from Maven Central"
            mvn -q -B -Dstyle.color=never -f scripts/elasticsearch/pom.xml -Delasticsearch.version="$ES_VERSION" \
                -Des.dir="$base" process-resources >&2 || { say "could not fetch Elasticsearch"; return 1; }
            rm -rf scripts/elasticsearch/target
        fi
        java_bin=$(readlink -f "$(command -v java)")
        local run=(env ES_JAVA_HOME="${java_bin%/bin/java}" ES_JAVA_OPTS="-Xms512m -Xmx512m"
            "$home/bin/elasticsearch" -d -p "$base/es-logs/elasticsearch.pid"
            -E discovery.type=single-node -E network.host=127.0.0.1 -E http.port="$ES_PORT"
            -E transport.port=$((ES_PORT + 100)) -E path.data="$base/es-data"
            -E path.logs="$base/es-logs" -E xpack.security.enabled=false
            -E cluster.routing.allocation.disk.threshold_enabled=false)
        say "starting Elasticsearch $ES_VERSION on 127.0.0.1:$ES_PORT"
        if [ -n "$user" ]; then
            chown -R "$user" "$home" "$base/es-data" "$base/es-logs"
            runuser -u "$user" -- "${run[@]}" >"$base/es-logs/start.out" 2>&1
        else
            "${run[@]}" >"$base/es-logs/start.out" 2>&1
        fi
        for _ in $(seq 1 90); do es_up && break; sleep 1; done
        es_up || { say "Elasticsearch did not start: see $base/es-logs"; return 1; }
    fi
    echo "export ELASTICSEARCH_URL=\${ELASTICSEARCH_URL:-http://127.0.0.1:$ES_PORT}" >>"$ENV_FILE"
}

# --- Chromium for the browser journeys -------------------------------------------------------
chromium() {
    if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
        return 0
    fi
    [ -n "$check_only" ] && { say "missing: chromium chromium-driver"; return 1; }
    install chromium chromium-driver
}

# --- axe-core for the accessibility test, from npm at the version package-lock.json pins -----
axe() {
    local lock=node_modules/.package-lock.json
    if [ -f node_modules/axe-core/axe.min.js ] && [ "$lock" -nt package-lock.json ]; then
        return 0
    fi
    if ! command -v npm >/dev/null 2>&1; then
        [ -n "$check_only" ] && { say "missing: npm (nodejs npm), for axe-core"; return 1; }
        install nodejs npm || return 1
    fi
    [ -n "$check_only" ] && { say "missing: node_modules (npm ci)"; return 1; }
    say "npm ci (axe-core)"
    npm ci --silent --no-audit --no-fund >&2 || { say "npm ci failed"; return 1; }
}

# --- GNU gettext: makemessages/msgfmt, for the catalogue tests -----------------------------
gettext_tools() {
    command -v xgettext >/dev/null 2>&1 && command -v msgfmt >/dev/null 2>&1 && return 0
    [ -n "$check_only" ] && { say "missing: gettext"; return 1; }
    install gettext
}

# --- docker-compose, to validate docker-compose.yml (no engine runs here) --------------------
compose() {
    command -v docker-compose >/dev/null 2>&1 && return 0
    [ -n "$check_only" ] && { say "missing: docker-compose"; return 1; }
    install docker-compose
}

status=0
postgres || status=1
redis || status=1
elasticsearch || status=1
chromium || status=1
axe || status=1
gettext_tools || status=1
compose || status=1
if [ "$status" != 0 ]; then
    say "some services are missing (see above); the tests run with what there is"
fi
if [ -n "${CI:-}" ] && [ "$status" != 0 ]; then
    say "CI must have every service: failing"
    exit 1
fi
exit 0
