#!/usr/bin/env bash
# How long mail is down, against the tools an administrator would otherwise use, on the same tree in one run.
#
# Usage: Benchmarks/downtime.sh [MAILDIRS] [MESSAGES_PER_MAILDIR] [ACCOUNTS] [CHURN_PERCENT] [JSON_OUT]
#   defaults: 10000 20 10000 1 ./downtime.json
#
# Builds the release binary, generates a Maildir tree (message sizes by flag), a passwd-file of SHA512-CRYPT
# accounts and an import list (1% each added, changed, removed), then measures: cp -a, rsync -a (first pass, and
# second pass after the churn), sha256sum over every file, the import's dry run on every core and on one
# (`taskset -c 0`: how the crypt work scales), `cutover run` without prestage (downtime from the journal),
# `cutover prestage`, the churn, `cutover run` after it (downtime), a re-run when everything holds,
# `cutover status`, and peak RSS (/usr/bin/time -v). Prints ratios against cp -a and writes them as JSON.
# Page caches are left warm (the machine is shared), but each measured command starts with nothing left to
# write back (`sync` before it, not timed), so none pays for the one before. Installs rsync and time with
# apt-get when missing.
#
# Environment:
#   STRAGGLERS=1     put verify-stragglers in the plan. Left out by default: its scan of the whole store (not
#                    changed by the prestage work) would dominate every number and hide what the snapshot and
#                    import cost.
#   MESSAGE_SIZE=N   every message N bytes instead of sizes by flag (a million messages then fit a small disk).
#   RSS_ONLY=1       only what peak RSS needs: `cutover run`, `cutover prestage`, the churn and the run after it
#                    (no cp, rsync, sha256sum, import scaling, re-run or status). A million messages:
#                    MESSAGE_SIZE=300 RSS_ONLY=1 Benchmarks/downtime.sh 50000 20
set -euo pipefail
maildirs=${1:-10000}
messages=${2:-20}
accounts=${3:-10000}
churn=${4:-1}
out=${5:-$PWD/downtime.json}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/cutover-downtime-XXXXXX)
trap 'rm -rf "$work"' EXIT
command -v rsync >/dev/null || apt-get install -y rsync >/dev/null
[ -x /usr/bin/time ] || apt-get install -y time >/dev/null

swift build -c release --package-path "$repo" >/dev/null 2>&1 || swift build -c release --package-path "$repo"
cutover="$repo/.build/release/cutover"

python3 - "$work/a" "$maildirs" "$messages" "$accounts" "${STRAGGLERS:-0}" "${MESSAGE_SIZE:-0}" <<'PY'
import os, sys, json, subprocess
root, maildirs, messages, accounts = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
stragglers, fixed_size = sys.argv[5] == "1", int(sys.argv[6])
# One SHA512-CRYPT hash per account, each with its own salt (so no verification can be answered from another).
plains = ["Pass-%d-2026" % a for a in range(accounts)]
hashes = subprocess.run(["openssl", "passwd", "-6", "-stdin"], input="\n".join(plains) + "\n", text=True,
                        capture_output=True, check=True).stdout.split()
mail = os.path.join(root, "mail", "example.jp")
for a in range(maildirs):
    user = "user%05d" % a
    for part in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(mail, user, part))
    for m in range(messages):
        unread = m == messages - 1
        # Sizes by flag: read mail is mostly small, the unread newest a little larger.
        size = fixed_size or (6000 if unread else (1500 + (a * 7 + m * 13) % 3000))
        body = ("Message-ID: <%d.%d@bench>\r\nSubject: %d\r\n\r\n" % (a, m, m)).encode()
        body += bytes((a * 31 + m * 7 + i) % 251 for i in range(max(0, size - len(body))))
        name = "new/17%08d.M%dP%d.bench" % (m, m, a) if unread else "cur/17%08d.M%dP%d.bench:2,S" % (m, m, a)
        with open(os.path.join(mail, user, name), "wb") as f:
            f.write(body)
passwd, incoming = [], []
for a in range(accounts):
    user = "user%05d" % a
    plain, hashed = plains[a], hashes[a]
    passwd.append("%s@example.jp:{SHA512-CRYPT}%s:5000:5000:User %d:/srv/mail/example.jp/%s::" % (user, hashed, a, user))
    if a % 100 == 1:
        continue                                               # removed
    incoming.append("%s,%s,User %d" % (user, "Changed-%d" % a if a % 100 == 2 else plain, a))
incoming += ["new%05d,New-pass-%d,New %d" % (a, a, a) for a in range(max(1, accounts // 100))]
open(os.path.join(root, "passwd"), "w").write("\n".join(passwd) + "\n")
open(os.path.join(root, "accounts.txt"), "w").write("\n".join(incoming) + "\n")
plan = {"version": 1, "name": "downtime benchmark", "stateDir": "state", "domain": "example.jp", "services": [],
        "accounts": {"index": {"path": "passwd", "format": "passwd-file"},
                     "import": {"path": "accounts.txt", "format": "userlist"},
                     "passwordScheme": "SHA512-CRYPT", "maxRemoved": "5%"},
        "mailboxes": {"root": "mail", "layout": "maildir", "pathTemplate": "%d/%n"},
        "steps": ["stop-services", "snapshot", "import-accounts", "rename-removed"]
                 + (["verify-stragglers"] if stragglers else []) + ["start-services"]}
json.dump(plan, open(os.path.join(root, "plan.json"), "w"), indent=1)
PY

files=$(find "$work/a/mail" -type f | wc -l)
bytes=$(du -sb "$work/a/mail" | cut -f1)
echo "tree: $maildirs Maildirs x $messages messages = $files files, $bytes bytes; $accounts accounts; churn $churn%"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {print int($2/1024) " MB"}' /proc/meminfo), $(uname -r)"

declare -A seconds rss
# Wall-clock seconds and peak RSS (KB) of "$@", started with nothing left to write back.
measure() {
    local name=$1; shift
    sync
    /usr/bin/time -v -o "$work/time-$name" "$@" >"$work/out-$name" 2>&1 || { cat "$work/out-$name"; exit 1; }
    seconds[$name]=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/time-$name")
    rss[$name]=$(awk -F': ' '/Maximum resident/ { print $2 }' "$work/time-$name")
}
# From the last run in a journal: "downtime snapshot import", the first event to the last (stop-services start
# to start-services end) and the snapshot and import steps' own started-to-completed seconds.
journal_times() {
    python3 - "$1" <<'PY'
import json, sys, datetime
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
run = lines[-1]["run"]
ours = [l for l in lines if l["run"] == run]
at = lambda l: datetime.datetime.fromisoformat(l["time"].replace("Z", "+00:00"))
def step(name):
    t = {l["event"]: at(l) for l in ours if l["step"] == name}
    return (t["completed"] - t["started"]).total_seconds() if "started" in t and "completed" in t else 0.0
print("%.3f %.3f %.3f" % ((max(map(at, ours)) - min(map(at, ours))).total_seconds(), step("snapshot"),
                          step("import-accounts")))
PY
}

rss_only=${RSS_ONLY:-0}
if [ "$rss_only" = 1 ]; then
    cp -a "$work/a" "$work/b"                             # b: the same tree, for the prestage side
else
    measure cp cp -a "$work/a" "$work/b"
    measure rsync1 rsync -a "$work/a/mail/" "$work/rsync-copy/"
    measure sha256 bash -c "find '$work/a/mail' -type f -print0 | xargs -0 sha256sum >/dev/null"
    # The import's crypt work (kept passwords verified, new ones hashed), previewed on every core, then on one.
    measure import_all "$cutover" run "$work/a/plan.json" --only import-accounts --dry-run
    measure import_one taskset -c 0 "$cutover" run "$work/a/plan.json" --only import-accounts --dry-run
fi

measure run_full "$cutover" run "$work/a/plan.json"
read -r "seconds[downtime_full]" "seconds[snapshot_full]" "seconds[import_full]" \
    <<<"$(journal_times "$work/a/state/journal.jsonl")"
if [ "$rss_only" != 1 ]; then
    measure rerun "$cutover" run "$work/a/plan.json"
    measure status "$cutover" status "$work/a/plan.json"
fi

measure prestage "$cutover" prestage "$work/b/plan.json"
# The churn: of every 100 messages, one arrives, one is flagged (a rename), one is deleted (per CHURN_PERCENT).
python3 - "$work/b/mail/example.jp" "$churn" <<'PY'
import os, sys
mail, churn = sys.argv[1], float(sys.argv[2])
users = sorted(os.listdir(mail))
every = max(1, int(round(100 / churn)))
count = 0
for n, user in enumerate(users):
    cur = sorted(os.listdir(os.path.join(mail, user, "cur")))
    for m, name in enumerate(cur):
        count += 1
        if count % every == 0:
            os.rename(os.path.join(mail, user, "cur", name), os.path.join(mail, user, "cur", name.replace(":2,S", ":2,RS")))
        elif count % every == every // 3:
            os.unlink(os.path.join(mail, user, "cur", name))
        elif count % every == 2 * every // 3:
            with open(os.path.join(mail, user, "new", "1800000000.M%dP%d.late" % (m, n)), "wb") as f:
                f.write(b"Message-ID: <late%d.%d@bench>\r\n\r\n" % (n, m) + b"x" * 3000)
PY
[ "$rss_only" = 1 ] || measure rsync2 rsync -a --delete "$work/b/mail/" "$work/rsync-copy/"
measure run_staged "$cutover" run "$work/b/plan.json"
read -r "seconds[downtime_staged]" "seconds[snapshot_staged]" "seconds[import_staged]" \
    <<<"$(journal_times "$work/b/state/journal.jsonl")"

for name in "${!seconds[@]}"; do echo "seconds $name ${seconds[$name]}"; done >"$work/numbers"
for name in "${!rss[@]}"; do echo "rss $name ${rss[$name]}"; done >>"$work/numbers"
python3 - "$out" "$maildirs" "$messages" "$accounts" "$churn" "$files" "$bytes" "$(nproc)" "$work/numbers" <<'PY'
import json, sys
a = sys.argv
out = a[1]
tree = dict(maildirs=int(a[2]), messages=int(a[3]), accounts=int(a[4]), churnPercent=float(a[5]), files=int(a[6]),
            bytes=int(a[7]), cores=int(a[8]))
seconds, rss = {}, {}
for kind, name, value in (line.split() for line in open(a[9])):
    (seconds if kind == "seconds" else rss)[name] = float(value)
names = [("cp", "cp -a"), ("rsync1", "rsync -a (first pass)"), ("rsync2", "rsync -a (second pass, after churn)"),
         ("sha256", "sha256sum of every file"), ("run_full", "cutover run, no prestage (wall)"),
         ("downtime_full", "  downtime (journal)"), ("snapshot_full", "  of which snapshot"),
         ("import_full", "  of which import"), ("rerun", "cutover run again, all holds"),
         ("status", "cutover status"), ("prestage", "cutover prestage"),
         ("run_staged", "cutover run after prestage + churn (wall)"), ("downtime_staged", "  downtime (journal)"),
         ("snapshot_staged", "  of which snapshot"), ("import_staged", "  of which import"),
         ("import_all", "import dry run, every core"), ("import_one", "import dry run, one core (taskset -c 0)")]
cp = seconds.get("cp")
rows = [dict(what=label, seconds=seconds[key], ratioToCp=round(seconds[key] / cp, 3) if cp else None)
        for key, label in names if key in seconds]
print("%-44s %9s %9s" % ("what", "seconds", "x cp -a"))
for r in rows:
    ratio = "%9.3f" % r["ratioToCp"] if r["ratioToCp"] is not None else "%9s" % "-"
    print("%-44s %9.2f %s" % (r["what"], r["seconds"], ratio))
scaling = None
if "import_all" in seconds and "import_one" in seconds:
    scaling = round(seconds["import_one"] / seconds["import_all"], 2)
    print("import crypt scaling: %.2fx faster on %d cores than on one" % (scaling, tree["cores"]))
peak = {label: int(rss[key]) // 1024 for key, label in [("run_full", "run without prestage"),
        ("prestage", "prestage"), ("run_staged", "run after prestage")]}
for label, megabytes in peak.items():
    print("peak RSS, %-34s %6d MB" % (label, megabytes))
json.dump(dict(tree=tree, rows=rows, importScaling=scaling, peakRSSMegabytes=peak), open(out, "w"), indent=1)
print("written: " + out)
PY
