// Reads certscope's --json reports for the stapling lab (tests/lab/run.sh).
//
//   node check.mjs expect REPORT.json EXPECTATION...
//       verdict=ok|warning|error      the summary verdict
//       has:CODE / not:CODE           a finding code is (not) there
//       row:ID~TEXT                   the value of the summary row with that id contains TEXT
//       badge:ID=BADGE                the badge of the summary row with that id
//       message:CODE~TEXT             that finding's message contains TEXT
//       remedy:CODE~TEXT              that finding's remedy contains TEXT
//       must-staple=true|false|null   summary.must_staple_satisfied
//     prints one line per failed expectation; exit 1 when any failed.
//   node check.mjs snippet REPORT.json SERVER
//       prints the stapling snippet certscope suggests for SERVER, verbatim.
//   node check.mjs same A.json B.json
//       exit 1 unless both give the same verdict, finding codes and summary rows.
//   node check.mjs keep REPORT.json DIR ID LABEL SERVER AS_OF ANCHORS HOST
//       adds (or replaces) scenario ID in DIR/manifest.json: the transcript
//       ID.txt, the as-of, anchors file and host it was checked with, and the
//       CLI's verdict, finding codes and summary rows (tests/e2e/lab.mjs).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [mode, file, ...rest] = process.argv.slice(2);
const report = JSON.parse(readFileSync(file, "utf8"));
// Rows by their stable id (`ocsp-stapling`, `chain-issues`, …), never by English label.
const row = (r, id) => r.summary.rows.find((x) => x.id === id);
const finding = (r, code) => r.findings.find((f) => f.code === code);

function check(exp) {
  let m;
  if ((m = exp.match(/^verdict=(.*)$/))) {
    return report.summary.verdict === m[1] || `verdict is ${report.summary.verdict}`;
  }
  if ((m = exp.match(/^has:(.*)$/))) {
    return !!finding(report, m[1]) || `no ${m[1]} finding`;
  }
  if ((m = exp.match(/^not:(.*)$/))) {
    return !finding(report, m[1]) || `unexpected ${m[1]} finding`;
  }
  if ((m = exp.match(/^row:([^~]*)~(.*)$/))) {
    const r = row(report, m[1]);
    return (r && r.value.includes(m[2])) || `row ${m[1]} is ${JSON.stringify(r && r.value)}`;
  }
  if ((m = exp.match(/^badge:([^=]*)=(.*)$/))) {
    const r = row(report, m[1]);
    return (r && r.badge === m[2]) || `row ${m[1]} badge is ${r && r.badge}`;
  }
  if ((m = exp.match(/^(message|remedy):([^~]*)~(.*)$/))) {
    const f = finding(report, m[2]);
    return (f && f[m[1]].includes(m[3])) || `${m[2]} ${m[1]} is ${JSON.stringify(f && f[m[1]])}`;
  }
  if ((m = exp.match(/^must-staple=(.*)$/))) {
    const v = String(report.summary.must_staple_satisfied);
    return v === m[1] || `must_staple_satisfied is ${v}`;
  }
  return `unknown expectation`;
}

function shape(r) {
  return JSON.stringify({
    verdict: r.summary.verdict,
    codes: r.findings.map((f) => f.code).sort(),
    rows: r.summary.rows.map((x) => `${x.label}: ${x.value} [${x.badge}]`),
  });
}

if (mode === "expect") {
  let failed = 0;
  for (const exp of rest) {
    const ok = check(exp);
    if (ok !== true) {
      failed++;
      console.log(`    expected ${exp}: ${ok}`);
    }
  }
  if (failed) {
    console.log(`    findings: ${report.findings.map((f) => f.code).join(", ") || "none"}`);
  }
  process.exit(failed ? 1 : 0);
} else if (mode === "snippet") {
  const s = (report.stapling?.snippets ?? []).find((x) => x.server === rest[0]);
  if (!s) process.exit(1);
  process.stdout.write(s.text + "\n");
} else if (mode === "same") {
  const other = JSON.parse(readFileSync(rest[0], "utf8"));
  const [a, b] = [shape(report), shape(other)];
  if (a !== b) {
    console.log(`    differ:\n    ${a}\n    ${b}`);
    process.exit(1);
  }
} else if (mode === "keep") {
  const [dir, id, label, server, asOf, anchors, host] = rest;
  const manifestFile = join(dir, "manifest.json");
  const manifest = existsSync(manifestFile)
    ? JSON.parse(readFileSync(manifestFile, "utf8"))
    : { about: "The stapling lab's transcripts and what the CLI reported for each (tests/lab/run.sh).", scenarios: [] };
  const entry = {
    id,
    label,
    server,
    file: `${id}.txt`,
    as_of: asOf,
    anchors,
    // The CLI ran with --no-system-roots: the lab's root was its only anchor.
    system_roots: false,
    host,
    stapled: report.stapling?.state === "stapled",
    verdict: report.summary.verdict,
    codes: report.findings.map((f) => f.code),
    rows: report.summary.rows.map((x) => ({ label: x.label, value: x.value, badge: x.badge })),
  };
  manifest.scenarios = manifest.scenarios.filter((x) => x.id !== id).concat([entry]);
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + "\n");
} else {
  console.error("usage: check.mjs expect|snippet|same|keep REPORT.json ...");
  process.exit(2);
}
