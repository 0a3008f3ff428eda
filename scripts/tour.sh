#!/usr/bin/env bash
# The whole loop of the threat-management process on one machine, through the HTTP API:
#   start `tma serve` → open cases → record observations over several dates → the process's stages (English and
#   German) → the featured case's team (a second case manager, a psychologist) and persons (affected person,
#   witness) → recognition → assessment: assess with a champion and a challenger model version → risk curve →
#   record the professionals' decisions; an override waits for a second case manager (four-eyes rule: the author
#   cannot confirm it, the second case manager does) → defusion → a recommended action becomes the psychologist's
#   task (started, completed with a note) → case notes with a reply → a review date that is due → the case's
#   timeline and the German case report → anonymized export → evaluate a model on the export with `tma evaluate` →
#   verify the audit chain, and count the audit entries of the team's steps.
# Usage: bash scripts/tour.sh [output-dir]      (default: ./tour-output; loopback only; installs curl, jq, tar and
#        awk when missing)
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-tour-output}")"
mkdir -p "$out"
work="$(mktemp -d)"
server=""
trap '[[ -n "$server" ]] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
# The tools this script needs besides the .NET SDK; installed from the package manager when missing (Debian/Ubuntu,
# as root or through sudo), otherwise named with the command that installs them.
needed=(curl jq tar gawk)
missing=()
for tool in "${needed[@]}"; do
  command -v "${tool/gawk/awk}" >/dev/null || missing+=("$tool")
done
if ((${#missing[@]})); then
  as_root=(); [[ $(id -u) -ne 0 ]] && command -v sudo >/dev/null && as_root=(sudo)
  if command -v apt-get >/dev/null && { [[ $(id -u) -eq 0 ]] || ((${#as_root[@]})); }; then
    echo "tour: installing ${missing[*]}" >&2
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null \
      || { "${as_root[@]}" apt-get update -q >/dev/null && "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null; }
  else
    echo "tour: needs ${missing[*]} (apt-get install -y ${missing[*]})" >&2; exit 2
  fi
fi
command -v dotnet >/dev/null || { echo "tour: needs the .NET 10 SDK (https://dot.net)" >&2; exit 2; }
say() { printf '\n== %s\n' "$*"; }

say "Build the tma command"
dotnet build -c Release src/Tma.Cli -v quiet -nologo >/dev/null
tma() { dotnet src/Tma.Cli/bin/Release/net10.0/tma.dll "$@"; }

say "Models: the shipped packages, plus a challenger version of warning-behaviours-triage"
mkdir -p "$work/models"
for package in models/*/; do
  name="$(basename "$package")"
  mkdir -p "$work/models/$name"
  tar -C "$package" --exclude=./releases -cf - . | tar -C "$work/models/$name" -xf -
done
champion="$(awk '/^version:/ {print $2}' models/warning-behaviours-triage/model.yaml)"
IFS=. read -r major minor _ <<<"$champion"
challenger="$major.$((minor + 1)).0"
# The challenger treats a *possible* proximal warning behaviour as calling for active management, not monitoring.
sed -e "s/^version: .*/version: $challenger/" \
    -e '/id: possible-proximal/,/actions:/ s/minimum_level: monitor/minimum_level: manage/' \
    models/warning-behaviours-triage/model.yaml >"$work/challenger.yaml"
mkdir -p "$work/models/warning-behaviours-triage-next"
cp -r "$work/models/warning-behaviours-triage/." "$work/models/warning-behaviours-triage-next/"
cp "$work/challenger.yaml" "$work/models/warning-behaviours-triage-next/model.yaml"
echo "champion warning-behaviours-triage $champion, challenger $challenger"

say "Start tma serve on loopback (SQLite store, development keys)"
port=$((5300 + RANDOM % 500))
url="http://127.0.0.1:$port"
tma serve --urls "$url" --store "$work/tour.db" --models "$work/models" --allow-unsigned --development >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do curl -sf "$url/ready" >/dev/null && break; sleep 0.5; done
curl -sf "$url/ready" | jq -c .

token() { tma token --key "$work/tour.db.token.pem" --tenant acme --user "$1" --role "$2"; }
admin="$(token admin-1 administrator)"; manager="$(token cm-1 case_manager)"
auditor="$(token aud-1 auditor)"; researcher="$(token res-1 researcher)"
call() { # like api, but fails on an error status and prints only the body
  local response code
  response="$(curl -sS -X "$1" "$url$2" -H "Authorization: Bearer $3" ${4:+-H "Content-Type: application/json" -d "$4"} -w '\n%{http_code}')"
  code="$(tail -n1 <<<"$response")"
  if [[ "$code" -ge 400 ]]; then echo "tour: $1 $2 → $code $(sed '$d' <<<"$response")" >&2; exit 1; fi
  sed '$d' <<<"$response"
}
expect() { # method path token status [body]: the call must answer with this (error) status; prints the problem
  local response code
  response="$(curl -sS -X "$1" "$url$2" -H "Authorization: Bearer $3" ${5:+-H "Content-Type: application/json" -d "$5"} -w '\n%{http_code}')"
  code="$(tail -n1 <<<"$response")"
  if [[ "$code" != "$4" ]]; then echo "tour: $1 $2 → $code, expected $4: $(sed '$d' <<<"$response")" >&2; exit 1; fi
  sed '$d' <<<"$response" | jq -c "{status: $code, code, detail}"
}
version() { call GET "/v1/cases/$1" "$2" | jq -r .summary.version; }
status() { # case, new status, token: moves the case to the next stage of the process
  call PUT "/v1/cases/$1/status" "$3" "{\"status\":\"$2\",\"expectedVersion\":$(version "$1" "$3")}" | jq -c '{id, status, version}'
}

say "Set up the tenant and open twelve cases"
call POST /v1/tenant "$admin" >/dev/null
levels=(absent possible present)
declare -a cases
for i in $(seq 0 11); do
  category=$([[ $((i % 3)) == 0 ]] && echo violence || echo bullying)
  id="$(call POST /v1/cases "$manager" "{\"subjectReference\":\"tour-subject-$i\",\"category\":\"$category\",\"retainUntil\":\"2031-01-01T00:00:00Z\"}" | jq -r .summary.id)"
  cases+=("$id")
  # A reproducible spread of observations over several dates.
  call POST "/v1/cases/$id/observations" "$manager" "{\"inputId\":\"grievance\",\"value\":\"${levels[$((i % 3))]}\",\"observedAt\":\"2026-09-01T00:00:00Z\",\"source\":\"HR report\"}" >/dev/null
  call POST "/v1/cases/$id/observations" "$manager" "{\"inputId\":\"leakage\",\"value\":\"${levels[$(((i / 2) % 3))]}\",\"observedAt\":\"2026-09-15T00:00:00Z\",\"source\":\"colleague\"}" >/dev/null
  call POST "/v1/cases/$id/observations" "$manager" "{\"inputId\":\"fixation\",\"value\":\"${levels[$(((i / 4) % 3))]}\",\"observedAt\":\"2026-10-01T00:00:00Z\",\"source\":\"interview\"}" >/dev/null
done
featured="${cases[5]}"
echo "featured case $featured"

say "The process: its stages in English and German, and the legal next stages"
call GET /v1/process "$manager" | jq -c '.stages[] | {id, en: .label.en, de: .label.de, next}'

say "Recognition: the featured case's team — a second case manager (cm-2) and a psychologist (ex-1)"
manager2="$(token cm-2 case_manager)"; expert="$(token ex-1 expert)"
call POST "/v1/cases/$featured/members" "$manager" "{\"userId\":\"cm-2\",\"role\":\"case_manager\",\"expectedVersion\":$(version "$featured" "$manager")}" >/dev/null
call POST "/v1/cases/$featured/members" "$manager" "{\"userId\":\"ex-1\",\"role\":\"psychologist\",\"expectedVersion\":$(version "$featured" "$manager")}" >/dev/null
# cm-2 also sits on the case whose decision overrides the model, to be the second pair of eyes there.
call POST "/v1/cases/${cases[2]}/members" "$manager" "{\"userId\":\"cm-2\",\"role\":\"case_manager\",\"expectedVersion\":$(version "${cases[2]}" "$manager")}" >/dev/null
call GET "/v1/cases/$featured" "$manager" | jq -c '{owner: .summary.ownerId, members: [.members[] | {userId, role}]}'

say "Recognition: the persons of the featured case (pseudonymous references)"
call POST "/v1/cases/$featured/persons" "$manager" "{\"role\":\"affected_person\",\"reference\":\"tour-person-1\",\"note\":\"addressee of the messages\",\"expectedVersion\":$(version "$featured" "$manager")}" >/dev/null
call POST "/v1/cases/$featured/persons" "$manager" "{\"role\":\"witness\",\"reference\":\"tour-person-2\",\"note\":\"saw the incident\",\"expectedVersion\":$(version "$featured" "$manager")}" >/dev/null
call GET "/v1/cases/$featured/persons" "$manager" | jq -c '.[] | {role, reference, isCaseSubject}'

say "Recognition → assessment"
status "$featured" assessing "$manager"

say "Assess the featured case as it developed (as of two earlier dates), then every case with champion and challenger"
for day in 2026-09-02 2026-09-16; do
  call POST "/v1/cases/$featured/assessments" "$manager" "{\"model\":\"warning-behaviours-triage@~$champion\",\"asOf\":\"${day}T00:00:00Z\"}" | jq -c "{asOf: .assessment.asOf, level: .assessment.level}"
done
for id in "${cases[@]}"; do
  result="$(call POST "/v1/cases/$id/assessments" "$manager" "{\"model\":\"warning-behaviours-triage@~$champion\",\"challenger\":\"warning-behaviours-triage@~$challenger\"}")"
  [[ "$id" == "$featured" ]] && jq -c '{champion: {version: .assessment.model.version, level: .assessment.level}, challenger: {version: .challenger.assessment.model.version, level: .challenger.assessment.level}}' <<<"$result"
done
echo "12 cases assessed by champion $champion and challenger $challenger"

say "Risk curve of the featured case (JSON and PNG)"
call GET "/v1/cases/$featured/risk-curve" "$manager" | tee "$out/risk-curve.json" | jq -c '[.points[] | {level, packageVersion}]'
curl -sf "$url/v1/cases/$featured/risk-curve.png" -H "Authorization: Bearer $manager" -o "$out/risk-curve.png"
echo "wrote $out/risk-curve.png"

say "Record the professionals' decisions (human oversight)"
for id in "${cases[@]}"; do
  case_json="$(call GET "/v1/cases/$id" "$manager")"
  version="$(jq -r .summary.version <<<"$case_json")"
  latest="$(call GET "/v1/cases/$id/assessments" "$manager" | jq -r '[.[] | select(.isChallenger | not)] | last')"
  level="$(jq -r .assessment.level <<<"$latest")"
  agreement=followed
  # The featured case's decision is recorded below, under the four-eyes rule.
  [[ "$id" == "$featured" ]] && continue
  # The team judges one monitored case more serious than the model did, and says why.
  if [[ "$id" == "${cases[2]}" ]]; then level=manage; agreement=overrode; fi
  call POST "/v1/cases/$id/decisions" "$manager" "{\"assessmentId\":\"$(jq -r .id <<<"$latest")\",\"finalLevel\":\"$level\",\"rationale\":\"case conference\",\"agreement\":\"$agreement\",\"expectedVersion\":$version}" >/dev/null
done
echo "11 decisions recorded (one overrides the model); the featured case's follows"

say "Four-eyes rule: cm-1 overrides the model on the featured case; the override waits for a second case manager"
latest="$(call GET "/v1/cases/$featured/assessments" "$manager" | jq -c '[.[] | select(.isChallenger | not)] | last')"
model_level="$(jq -r .assessment.level <<<"$latest")"
final_level=$([[ "$model_level" == manage ]] && echo monitor || echo manage)
decision="$(call POST "/v1/cases/$featured/decisions" "$manager" "{\"assessmentId\":\"$(jq -r .id <<<"$latest")\",\"finalLevel\":\"$final_level\",\"rationale\":\"case conference: the team weighs the leakage differently\",\"agreement\":\"overrode\",\"expectedVersion\":$(version "$featured" "$manager")}")"
jq -c "{model: \"$model_level\", finalLevel: .decision.finalLevel, agreement: .decision.agreement, decidedBy, status, isInEffect}" <<<"$decision"
decision_id="$(jq -r .id <<<"$decision")"
echo "pending for cm-2:"
call GET /v1/decisions/pending "$manager2" | jq -c --arg f "$featured" '.[] | {case: (if .caseId == $f then "featured" else .caseId end), decidedBy, canConfirm}'
echo "cm-1 confirms their own override:"
expect POST "/v1/cases/$featured/decisions/$decision_id/confirm" "$manager" 409 "{\"comment\":\"mine\",\"expectedVersion\":$(version "$featured" "$manager")}"
echo "cm-2 confirms the overrides of the featured case and of case ${cases[2]}:"
call POST "/v1/cases/$featured/decisions/$decision_id/confirm" "$manager2" "{\"comment\":\"agreed in the case conference\",\"expectedVersion\":$(version "$featured" "$manager2")}" \
  | jq -c '{finalLevel: .decision.finalLevel, status, isInEffect, review: {outcome: .review.outcome, reviewedBy: .review.reviewedBy}}'
other="$(call GET "/v1/decisions/pending" "$manager2" | jq -r --arg c "${cases[2]}" '.[] | select(.caseId == $c) | .decisionId')"
call POST "/v1/cases/${cases[2]}/decisions/$other/confirm" "$manager2" "{\"comment\":\"agreed\",\"expectedVersion\":$(version "${cases[2]}" "$manager2")}" | jq -c '{finalLevel: .decision.finalLevel, status, isInEffect}'
echo "still pending for cm-2: $(call GET /v1/decisions/pending "$manager2" | jq length)"

say "Assessment → defusion"
status "$featured" managing "$manager"

say "Defusion: a recommended action of the latest assessment becomes the psychologist's task, due in 7 days"
jq -c '{level: .assessment.level, actions: [.assessment.actions[] | .id]}' <<<"$latest"
action="$(jq -r '[.assessment.actions[] | .id] | first((.[] | select(. == "psych-consult" or . == "interview-sources")), .[0])' <<<"$latest")"
due="$(date -u -d '+7 days' +%Y-%m-%dT%H:%M:%SZ)"
task="$(call POST "/v1/cases/$featured/tasks" "$manager" "{\"ownerId\":\"ex-1\",\"dueAt\":\"$due\",\"fromAssessment\":{\"assessmentId\":\"$(jq -r .id <<<"$latest")\",\"actionId\":\"$action\"}}")"
jq -c '{title, ownerId, dueAt, status, version}' <<<"$task"
task_id="$(jq -r .id <<<"$task")"
echo "ex-1's open tasks:"
call GET "/v1/tasks?owner=me&status=open" "$expert" | jq -c '.[] | {title, status, dueAt, isOverdue}'
call PUT "/v1/cases/$featured/tasks/$task_id" "$expert" '{"status":"in_progress","expectedVersion":1}' | jq -c '{status, version}'
call PUT "/v1/cases/$featured/tasks/$task_id" "$expert" '{"status":"done","completionNote":"Done; findings filed with the case, no further escalation seen.","expectedVersion":2}' \
  | jq -c '{status, completedBy, completionNote, version}'
call GET "/v1/cases/$featured/tasks" "$manager" | jq -c '.[] | {title, ownerId, status, isOverdue}'

say "Defusion: case notes — cm-1 writes, the psychologist replies"
note="$(call POST "/v1/cases/$featured/notes" "$manager" '{"text":"HR meeting with the person of concern moved to Tuesday."}' | jq -r .id)"
call POST "/v1/cases/$featured/notes" "$expert" "{\"text\":\"I will join the meeting on Tuesday.\",\"replyTo\":\"$note\"}" >/dev/null
call GET "/v1/cases/$featured/notes" "$manager" | jq -c '.[] | {authorId, text, replyTo: (.replyTo != null)}'

say "Review schedule: the team's next review date is already past, so the review is due"
past="$(date -u -d '-3 days' +%Y-%m-%dT08:00:00Z)"
call PUT "/v1/cases/$featured/review" "$manager" "{\"dueAt\":\"$past\",\"reason\":\"after the HR meeting\",\"expectedVersion\":$(version "$featured" "$manager")}" | jq -c '{id, status, nextReviewAt}'
call GET /v1/reviews/due "$manager" | jq -c '.[] | {caseId, status, dueAt, overdueDays, source}'

say "The case's timeline and the case report for management (German, printable HTML: print or save it as PDF)"
call GET "/v1/cases/$featured/timeline" "$manager" | jq -c '[.events[] | .kind] | group_by(.) | map({(.[0]): length}) | add'
curl -sf "$url/v1/cases/$featured/report?language=de" -H "Authorization: Bearer $manager" -o "$out/case-report.de.html"
grep -o '<h2[^>]*>[^<]*</h2>' "$out/case-report.de.html" | sed -E 's/<[^>]+>//g' | paste -sd '|' -
echo "written to $out/case-report.de.html; in the web UI (/app/ of a running tma serve) the team reads the same case"

say "Anonymized export for research (k = 2 over category and level)"
call POST /v1/exports "$researcher" '{"k":2,"quasiIdentifiers":["category","level"],"purpose":"tour"}' >"$work/export.json"
jq -r .csv "$work/export.json" >"$out/export.csv"
jq -c '.report | {rowsWritten, rowsSuppressed, cellsSuppressed}' "$work/export.json"

say "Evaluate the stored scores against the professionals' decisions with tma evaluate"
# A real study records an observed outcome; in this tour the professional's final level (manage) stands in for it.
awk -F, '{ sub(/\r$/, "") } length($0) == 0 { next }
         NR == 1 { for (i = 1; i <= NF; i++) if ($i == "decision_level") d = i; print $0 ",outcome"; next }
         { print $0 "," ($d == "manage" ? 1 : 0) }' "$out/export.csv" >"$out/dataset.csv"
tma evaluate --data "$out/dataset.csv" --score-column score --outcome outcome --out "$out/report" | head -12

say "Verify the audit chain"
call GET /v1/audit/verify "$auditor" | jq -c .
echo "audit entries of the team's steps (stages, team, persons, four-eyes, tasks, notes, review):"
call GET "/v1/audit?limit=10000" "$auditor" \
  | jq -c '[.[] | select(.action | test("^(case\\.(status|member|person|review)|decision\\.(confirm|reject|pending)|task|note)"))]
           | {entries: length, byAction: (group_by(.action + " " + .outcome) | map({key: (.[0].action + " " + .[0].outcome), value: length}) | from_entries)}'
echo
echo "tour: done; outputs in $out (risk-curve.png, export.csv, report/report.html)"
