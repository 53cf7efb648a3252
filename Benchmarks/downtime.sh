#!/usr/bin/env bash
# How long mail is down, against the tools an administrator would otherwise use, on the same tree in one run.
#
# Usage: Benchmarks/downtime.sh [MAILDIRS] [MESSAGES_PER_MAILDIR] [ACCOUNTS] [CHURN_PERCENT] [JSON_OUT]
#   defaults: 10000 20 10000 1 ./downtime.json
#
# Builds the release binary, generates a Maildir tree (message sizes by flag), a passwd-file of SHA512-CRYPT
# accounts and an import list (1% each added, changed, removed), then measures: cp -a, rsync -a (first pass, and
# second pass after the churn), sha256sum over every file, `cutover run` without prestage (downtime from the
# journal), `cutover prestage`, the churn, `cutover run` after it (downtime), a re-run when everything holds,
# `cutover status`, and peak RSS (/usr/bin/time -v). Prints ratios against cp -a and writes them as JSON.
# Page caches are left warm (the machine is shared); installs rsync and time with apt-get when missing.
# The plan leaves out verify-stragglers unless STRAGGLERS=1: its scan of the whole store (not changed by the
# prestage work) would otherwise dominate every number below and hide what the snapshot and import cost.
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

python3 - "$work/a" "$maildirs" "$messages" "$accounts" "${STRAGGLERS:-0}" <<'PY'
import os, sys, json, subprocess
root, maildirs, messages, accounts = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
stragglers = sys.argv[5] == "1"
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
        size = 6000 if unread else (1500 + (a * 7 + m * 13) % 3000)
        body = ("Message-ID: <%d.%d@bench>\r\nSubject: %d\r\n\r\n" % (a, m, m)).encode()
        body += bytes((a * 31 + m * 7 + i) % 251 for i in range(size - len(body)))
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
# Wall-clock seconds and peak RSS (KB) of "$@".
measure() {
    local name=$1; shift
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

measure cp cp -a "$work/a" "$work/b"                      # b: the same tree, for the prestage side
measure rsync1 rsync -a "$work/a/mail/" "$work/rsync-copy/"
measure sha256 bash -c "find '$work/a/mail' -type f -print0 | xargs -0 sha256sum >/dev/null"

measure run_full "$cutover" run "$work/a/plan.json"
read -r "seconds[downtime_full]" "seconds[snapshot_full]" "seconds[import_full]" \
    <<<"$(journal_times "$work/a/state/journal.jsonl")"
measure rerun "$cutover" run "$work/a/plan.json"
measure status "$cutover" status "$work/a/plan.json"

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
measure rsync2 rsync -a --delete "$work/b/mail/" "$work/rsync-copy/"
measure run_staged "$cutover" run "$work/b/plan.json"
read -r "seconds[downtime_staged]" "seconds[snapshot_staged]" "seconds[import_staged]" \
    <<<"$(journal_times "$work/b/state/journal.jsonl")"

python3 - "$out" "$maildirs" "$messages" "$accounts" "$churn" "$files" "$bytes" "$(nproc)" \
    "${seconds[cp]}" "${seconds[rsync1]}" "${seconds[rsync2]}" "${seconds[sha256]}" \
    "${seconds[run_full]}" "${seconds[downtime_full]}" "${seconds[snapshot_full]}" "${seconds[import_full]}" \
    "${seconds[rerun]}" "${seconds[status]}" "${seconds[prestage]}" "${seconds[run_staged]}" \
    "${seconds[downtime_staged]}" "${seconds[snapshot_staged]}" "${seconds[import_staged]}" \
    "${rss[run_full]}" "${rss[prestage]}" "${rss[run_staged]}" <<'PY'
import json, sys
a = sys.argv
out = a[1]
tree = dict(maildirs=int(a[2]), messages=int(a[3]), accounts=int(a[4]), churnPercent=float(a[5]), files=int(a[6]),
            bytes=int(a[7]), cores=int(a[8]))
names = ["cp -a", "rsync -a (first pass)", "rsync -a (second pass, after churn)", "sha256sum of every file",
         "cutover run, no prestage (wall)", "  downtime (journal)", "  of which snapshot", "  of which import",
         "cutover run again, all holds", "cutover status", "cutover prestage",
         "cutover run after prestage + churn (wall)", "  downtime (journal)", "  of which snapshot",
         "  of which import"]
values = [float(v) for v in a[9:24]]
rss = dict(zip(["run without prestage", "prestage", "run after prestage"], [int(v) // 1024 for v in a[24:27]]))
cp = values[0]
rows = [dict(what=n, seconds=v, ratioToCp=round(v / cp, 3)) for n, v in zip(names, values)]
print("%-44s %9s %9s" % ("what", "seconds", "x cp -a"))
for r in rows:
    print("%-44s %9.2f %9.3f" % (r["what"], r["seconds"], r["ratioToCp"]))
for k, v in rss.items():
    print("peak RSS, %-34s %6d MB" % (k, v))
json.dump(dict(tree=tree, rows=rows, peakRSSMegabytes=rss), open(out, "w"), indent=1)
print("written: " + out)
PY
