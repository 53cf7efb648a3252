#!/usr/bin/env bash
# Snapshot speed against the tools an administrator would otherwise use, on the same tree in one run.
# Usage: Benchmarks/snapshot.sh [ACCOUNTS] [MESSAGES_PER_ACCOUNT] [MESSAGE_BYTES]
# Prints wall-clock seconds for each and cutover's ratio to each. Needs python3 to generate the tree.
set -euo pipefail
accounts=${1:-500}
messages=${2:-40}
bytes=${3:-4096}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/cutover-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT

swift build -c release --package-path "$repo" >/dev/null
cutover="$repo/.build/release/cutover"

python3 - "$work" "$accounts" "$messages" "$bytes" <<'PY'
import os, sys, json
root, accounts, messages, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
mail = os.path.join(root, "server", "mail", "example.jp")
lines = []
for a in range(accounts):
    user = "user%05d" % a
    lines.append("%s@example.jp:{PLAIN}x:5000:5000::/srv/%s::" % (user, user))
    for part in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(mail, user, part))
    for m in range(messages):
        body = ("Message-ID: <%d.%d@bench>\r\nSubject: %d\r\n\r\n" % (a, m, m)).encode()
        body += bytes((a * 31 + m * 7 + i) % 251 for i in range(max(0, size - len(body))))
        with open(os.path.join(mail, user, "cur", "17%08d.M%dP1.bench:2,S" % (m, a)), "wb") as f:
            f.write(body)
with open(os.path.join(root, "server", "passwd"), "w") as f:
    f.write("\n".join(lines) + "\n")
with open(os.path.join(root, "server", "accounts.txt"), "w") as f:
    f.write("".join("user%05d,x\n" % a for a in range(accounts)))
plan = {"version": 1, "name": "bench", "stateDir": "state", "domain": "example.jp", "services": [],
        "accounts": {"index": {"path": "server/passwd", "format": "passwd-file"},
                     "import": {"path": "server/accounts.txt", "format": "userlist"}},
        "mailboxes": {"root": "server/mail", "layout": "maildir"}, "steps": ["snapshot"]}
json.dump(plan, open(os.path.join(root, "plan.json"), "w"))
PY

files=$(find "$work/server" -type f | wc -l)
size=$(du -sb "$work/server" | cut -f1)
echo "tree: $files files, $size bytes ($accounts accounts x $messages messages of ~$bytes bytes)"

time_of() { # seconds of wall-clock for "$@", page cache dropped where allowed
    sync; { echo 3 > /proc/sys/vm/drop_caches; } 2>/dev/null || true
    local start end
    start=$(date +%s.%N); "$@" >/dev/null; end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }'
}

t_cutover=$(time_of "$cutover" run "$work/plan.json")
t_cp=$(time_of cp -a "$work/server" "$work/copy-cp")
t_cp_sync=$(time_of bash -c "cp -a '$work/server' '$work/copy-cp-sync' && sync")
t_cp_sum=$(time_of bash -c "cp -a '$work/server' '$work/copy-cp-sum' && find '$work/copy-cp-sum' -type f -print0 | xargs -0 sha256sum >/dev/null && sync")

printf '%-42s %8.2f s\n' "cutover snapshot (copy+sha256+fsync each)" "$t_cutover"
for pair in "cp -a:$t_cp" "cp -a && sync:$t_cp_sync" "cp -a && sha256sum all && sync:$t_cp_sum"; do
    name=${pair%:*}; t=${pair##*:}
    printf '%-42s %8.2f s   cutover/this = %5.2f\n' "$name" "$t" "$(awk -v a="$t_cutover" -v b="$t" 'BEGIN { print a / b }')"
done
