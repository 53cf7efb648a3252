#!/usr/bin/env bash
# Straggler and audit speed against the plain tools on the same trees, in one run (issues 7 and 8).
# Usage: Benchmarks/stragglers.sh [ACCOUNTS] [MESSAGES_PER_ACCOUNT] [STRAGGLERS]
#   ACCOUNTS x MESSAGES_PER_ACCOUNT messages on the old side and already in the new mailboxes (default 10000 x 20),
#   of which the sweep finds nothing new; then STRAGGLERS new ones (default 10000, one in ten a duplicate already
#   in the new mailbox) to move. Prints seconds, rates and ratios, and writes them as JSON beside the trees' parent.
set -euo pipefail
accounts=${1:-10000}
messages=${2:-20}
stragglers=${3:-10000}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/cutover-stragglers-XXXXXX)
trap 'rm -rf "$work"' EXIT

swift build -c release --package-path "$repo" >/dev/null
cutover="$repo/.build/release/cutover"

python3 - "$work" "$accounts" "$messages" <<'PY'
import json, os, sys
root, accounts, messages = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def message(a, m):
    return ("Message-ID: <%d.%d@bench>\r\nReceived: from relay\r\nSubject: %d\r\n\r\n" % (a, m, m)
            + "x" * (1500 + (a * 7 + m * 13) % 3000) + "\r\n").encode()
users = ["user%05d" % a for a in range(accounts)]
for side in ("old", "new"):
    for a, user in enumerate(users):
        for part in ("cur", "new", "tmp"):
            os.makedirs(os.path.join(root, side, "example.jp", user, part))
        for m in range(messages):
            name = "17%08d.M%dP1.bench:2,S" % (m, a)
            with open(os.path.join(root, side, "example.jp", user, "cur", name), "wb") as f:
                f.write(message(a, m))
hashed = "{SHA512-CRYPT}$6$benchsaltbenchsa$" + "a" * 86
with open(os.path.join(root, "passwd"), "w") as f:
    f.write("".join("%s@example.jp:%s:5000:5000::/srv/%s::\n" % (u, hashed, u) for u in users))
with open(os.path.join(root, "accounts.txt"), "w") as f:
    f.write("".join("%s,%s\n" % (u, hashed) for u in users))
plan = {"version": 1, "name": "bench", "stateDir": "state", "domain": "example.jp", "services": [],
        "accounts": {"index": {"path": "passwd", "format": "passwd-file"},
                     "import": {"path": "accounts.txt", "format": "userlist"}},
        "mailboxes": {"root": "new", "layout": "maildir"},
        "stragglers": {"source": {"root": "old", "layout": "maildir"}, "move": False},
        "steps": ["snapshot", "verify-stragglers"]}
json.dump(plan, open(os.path.join(root, "plan.json"), "w"))
PY

seconds() { # wall-clock seconds of "$@", after a sync: no command pays for flushing what the setup wrote
    local start end
    sync
    start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

files=$((accounts * messages))
echo "trees: $files messages on each side ($accounts accounts x $messages), $(du -sb "$work/new" | cut -f1) bytes on the new side"
"$cutover" run "$work/plan.json" --only snapshot >/dev/null
# The first pass digests and records every old-side message (all already present); not measured.
"$cutover" sweep "$work/plan.json" >/dev/null

t_find=$(seconds find "$work/old" -type f)
t_quiet=$(seconds "$cutover" sweep "$work/plan.json")
t_sha=$(seconds bash -c "find '$work/new' -type f -print0 | xargs -0 sha256sum")
t_audit=$(seconds "$cutover" audit "$work/plan.json" --format json --output "$work/audit.json")

python3 - "$work" "$stragglers" <<'PY'
import os, sys
root, count = sys.argv[1], int(sys.argv[2])
for n in range(count):
    user = "user%05d" % (n % 1000)
    a = int(user[4:])
    if n % 10 == 0:   # a redelivery of a message the new mailbox already has
        body = ("Message-ID: <%d.%d@bench>\r\nReceived: from elsewhere\r\nSubject: %d\r\n\r\n" % (a, 0, 0)
                + "x" * (1500 + (a * 7) % 3000) + "\r\n")
    else:
        body = "Message-ID: <late%d@bench>\r\nSubject: late %d\r\n\r\nlate mail %d\r\n" % (n, n, n)
    with open(os.path.join(root, "old", "example.jp", user, "new", "18%08d.M%dP2.late" % (n, n)), "w") as f:
        f.write(body)
PY
t_move=$(seconds "$cutover" sweep "$work/plan.json")
rate=$(awk -v n="$stragglers" -v t="$t_move" 'BEGIN { printf "%.0f", n / t }')
# The same messages copied by cp -a (their folders, into a scratch tree) and flushed, as the sweep flushes its
# copies, after the sweep: what creating that many files costs on this file system right now. (On ext4 without a journal every new file skips the inodes freed in
# the last few minutes, so a large deletion just before, such as an earlier run's cleanup, slows both lines alike.)
mkdir "$work/cp"
copy_late_folders() { (cd "$work/old/example.jp" && find . -mindepth 2 -maxdepth 2 -name new -newer "$work/plan.json" \
    -exec cp -a --parents -t "$work/cp" {} +) && sync -f "$work/cp"; }
t_cp=$(seconds copy_late_folders)
cp_rate=$(awk -v n="$stragglers" -v t="$t_cp" 'BEGIN { printf "%.0f", n / t }')
audit_ratio=$(ratio "$t_sha" "$t_audit")
quiet_ratio=$(ratio "$t_quiet" "$t_find")

printf '%-58s %9s %s\n' "what" "seconds" "ratio / rate"
printf '%-58s %9.2f\n' "find OLD -type f ($files files)" "$t_find"
printf '%-58s %9.2f %s\n' "cutover sweep, nothing new on the old side" "$t_quiet" "${quiet_ratio} x find (target <= 2)"
printf '%-58s %9.2f\n' "sha256sum of every message of the new side" "$t_sha"
printf '%-58s %9.2f %s\n' "cutover audit (lists the store, reads what is new)" "$t_audit" "${audit_ratio} x sha256sum's throughput (target >= 0.8)"
printf '%-58s %9.2f %s\n' "cutover sweep moving $stragglers stragglers (1 in 10 a duplicate)" "$t_move" "$rate messages/s (target >= 5000)"
printf '%-58s %9.2f %s\n' "cp -a of the same messages' folders (copies only)" "$t_cp" "$cp_rate files/s; the sweep took $(ratio "$t_move" "$t_cp") x as long"
cat > "$(dirname "$work")/cutover-stragglers-benchmark.json" <<JSON
{"messages": $files, "findSeconds": $t_find, "quietSweepSeconds": $t_quiet, "quietSweepPerFind": $quiet_ratio,
 "sha256sumSeconds": $t_sha, "auditSeconds": $t_audit, "auditThroughputPerSha256sum": $audit_ratio,
 "stragglers": $stragglers, "moveSeconds": $t_move, "movedPerSecond": $rate, "cpSeconds": $t_cp, "cpFilesPerSecond": $cp_rate}
JSON
echo "written: $(dirname "$work")/cutover-stragglers-benchmark.json"
