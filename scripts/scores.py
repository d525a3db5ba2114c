"""`make scores`: run dateline on every shared dev set and score it with the shared scorers.

Prints a Markdown table (the one in docs/scores.md) and the exact commands it ran. Outputs go to
out/ (git-ignored). Usage: python scripts/scores.py [--skip-clusters | --only-clusters]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA, EVAL = SHARED / "data", SHARED / "eval"
OUT = ROOT / "out"
DATELINE = [sys.executable, "-m", "dateline.cli"]
COMMANDS: list[str] = []


def sh(cmd: list[str], **kw) -> str:
    shown = " ".join(str(c) for c in cmd).replace(sys.executable, "python").replace(str(ROOT) + "/", "")
    COMMANDS.append(shown.replace(str(SHARED), "../shared").replace("python -m dateline.cli", "dateline"))
    proc = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, cwd=ROOT, **kw)
    if proc.returncode not in (0, 1):
        sys.exit(f"failed ({proc.returncode}): {shown}\n{proc.stderr}")
    return proc.stdout


def analyse(src: Path, name: str) -> Path:
    out = OUT / f"{name}.jsonl"
    sh(DATELINE + ["analyze", src, "-o", out, "--no-progress"])
    return out


def scorer(name: str, *args) -> dict:
    return json.loads(sh([sys.executable, EVAL / name, *args, "--json"]))


def timex_rows() -> list[tuple[str, str, str]]:
    """Time expressions on TimeBank (TIMEX3 gold), and the 5W1H settings cross-validated."""
    pred = analyse(DATA / "timex" / "dev.jsonl", "timex")
    t = scorer("score_timex.py", pred, DATA / "timex" / "dev.gold.jsonl", DATA / "timex" / "dev.jsonl")
    forms = ", ".join(f"{k} {v['acc']:.3f}" for k, v in t["value_acc"].items() if v["n"])
    rows = [("times, TimeBank 1.2", "score_timex.py",
             f"DATE value F1 {t['date_value']['F1']:.3f}; DATE span F1 relaxed "
             f"{t['date_relaxed']['F1']:.3f}, strict {t['date_strict']['F1']:.3f}; value accuracy "
             f"{forms}")]
    cv = sh([sys.executable, ROOT / "scripts" / "cv_5w1h.py"],
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")}).strip().splitlines()
    rows.append(("5W1H, cross-validated (5 folds of articles)", "scripts/cv_5w1h.py",
                 cv[-1] if cv else "no output"))
    return rows


def cluster_rows() -> list[tuple[str, str, str]]:
    """Stories: the clusters dev set ingested in five shuffled orders (each F1 and the spread),
    and the cross-validated F1 of the story constants (scripts/tune_stories.py, 5 folds of
    events left out) with the folds' spread, from the records analysed once."""
    records = [l for l in (DATA / "clusters" / "dev.jsonl").read_text().splitlines() if l.strip()]
    gold = DATA / "clusters" / "dev.gold.jsonl"
    f1 = []
    for seed_no in (1, 2, 3, 4, 5):
        order = records[:]
        random.Random(seed_no).shuffle(order)
        src, db = OUT / f"clusters_{seed_no}.jsonl", OUT / f"clusters_{seed_no}.db"
        src.write_text("\n".join(order) + "\n")
        db.unlink(missing_ok=True)
        sh(DATELINE + ["ingest", src, "--db", db, "--no-progress"])
        pred = OUT / f"clusters_{seed_no}.out.jsonl"
        sh(DATELINE + ["export", "--db", db, "--format", "jsonl", "--what", "articles", "-o", pred])
        f1.append(scorer("score_clusters.py", pred, gold)["bcubed_f1"])
    rows = [("stories, 5 shuffled orders", "score_clusters.py",
             "B-cubed F1 " + ", ".join(f"{v:.3f}" for v in f1)
             + f" (spread {max(f1) - min(f1):.3f})")]
    analysed = analyse(DATA / "clusters" / "dev.jsonl", "clusters")
    cv = json.loads(sh([sys.executable, ROOT / "scripts" / "tune_stories.py", analysed, "--quick",
                         "--json"]))
    c = cv["cross_validation"]
    rows.append(("stories, 5 folds of events left out", "tune_stories.py",
                 f"cross-validated B-cubed F1 {c['mean']:.3f} (folds {c['min']:.3f}–"
                 f"{c['max']:.3f}, spread {c['spread']:.3f}); batch run {cv['batch']:.3f}"))
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--skip-clusters", action="store_true")
    ap.add_argument("--only-clusters", action="store_true", help="only the stories rows")
    args = ap.parse_args()
    OUT.mkdir(exist_ok=True)
    rows = []
    if args.only_clusters:
        return print_rows(cluster_rows())

    seed = OUT / "seed.json"
    seed.write_text(sh(DATELINE + ["analyze", SHARED / "seed" / "000_484f4576bc07e65b.txt", "--json"]))
    s = scorer("check_seed.py", seed, SHARED / "seed" / "000_484f4576bc07e65b.gold.json")
    rows.append(("sample article", "check_seed.py", f"{s['passed']} passed, {s['failed']} failed"))

    for src, name, label in ((DATA / "body" / "dev.jsonl", "body_text", "body, plain text"),
                             (DATA / "body" / "dev.html.jsonl.gz", "body_html", "body, HTML")):
        b = scorer("score_body.py", analyse(src, name), DATA / "body" / "dev.gold.jsonl")
        rows.append((label, "score_body.py", f"F1 {b['f1']:.3f} (P {b['precision']:.3f}, R {b['recall']:.3f})"))

    quotes = analyse(DATA / "quotes" / "dev.jsonl", "quotes")
    for subset in ("direct", "all"):
        q = scorer("score_quotes.py", quotes, DATA / "quotes" / "dev.gold.jsonl", "--subset", subset)
        rows.append((f"quotes, {subset}", "score_quotes.py", f"end-to-end F1 {q['e2e_F1']:.3f} "
                     f"(extraction F1 {q['extraction_F1']:.3f}, attribution {q['attribution_acc']})"))
    halves = sh([sys.executable, ROOT / "scripts" / "quotes_folds.py", quotes]).splitlines()
    for line, role in zip(halves[:2], ("rules written from its errors", "held out")):
        rows.append((f"quotes, {' '.join(line.split(':')[0].split())} ({role})",
                     "scripts/quotes_folds.py",
                     line.split(":", 1)[1].strip()))

    rows += entity_rows()

    events = analyse(DATA / "5w1h" / "dev.jsonl", "5w1h")
    gold = DATA / "5w1h" / "dev.gold.jsonl"
    for label, extra in (("5W1H, all 51", []),
                         ("5W1H, the 22 Giveme5W1H answered", ["--ids-from", DATA / "5w1h" / "dev.giveme5w1h.jsonl"])):
        w = scorer("score_5w1h.py", events, gold, *extra)
        per = ", ".join(f"{q} {w[q]['hit_rate']:.3f}" for q in ("who", "what", "when", "where", "why", "how"))
        rows.append((label, "score_5w1h.py", f"hit rate {w['overall']['hit_rate']:.3f} ({per}); "
                     f"when dates {w['when_date']['hit_rate']:.3f}"))

    rows += timex_rows()

    if not args.skip_clusters:
        rows += cluster_rows()

    if not args.skip_clusters:
        rows += people_list_rows()

    return print_rows(rows)


def print_rows(rows: list[tuple[str, str, str]]) -> int:
    print("| data | scorer | dateline |\n| --- | --- | --- |")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print("\nCommands run:\n")
    print("```\n" + "\n".join(COMMANDS) + "\n```")
    return 0


def entity_rows() -> list[tuple[str, str, str]]:
    """CoNLL-2003 dev: dateline's people stage, bare spaCy in the same run, and the two halves
    that people/evidence.py's weights were set on (0) and checked on (1)."""
    src = DATA / "entities" / "dev.jsonl"
    out = OUT / "entities.jsonl"
    sh(DATELINE + ["analyze", src, "--stages", "load,clean,parse,people", "-o", out, "--no-progress"])
    bare = OUT / "entities_spacy.jsonl"
    bare.write_text(sh([sys.executable, EVAL / "score_entities.py", "--spacy", src]))
    rows = []
    for label, pred in (("entities (CoNLL-2003 dev)", out), ("entities, bare spaCy", bare)):
        e = scorer("score_entities.py", pred, DATA / "entities" / "dev.gold.jsonl", src)
        per = e["PER"]["in_body"]["exact"]
        rows.append((label, "score_entities.py", f"PER in-body P {per['P']:.3f} R {per['R']:.3f}; "
                     f"ORG exact F1 {e['ORG']['all']['exact']['F1']:.3f}; "
                     f"LOC exact F1 {e['LOC']['all']['exact']['F1']:.3f}"))
    halves = sh([sys.executable, ROOT / "scripts" / "entities_folds.py", out]).splitlines()
    for line, crc in zip(halves[:2], ("even", "odd")):
        rows.append((f"entities, half {crc == 'odd':d} (ids whose CRC32 is {crc})",
                     "scripts/entities_folds.py", line.split(":", 1)[1].strip()))
    return rows


def people_list_rows() -> list[tuple[str, str, str]]:
    """The people list of the clusters corpora (ingested above in three shuffled orders; made
    here when missing): `dateline people --json --limit 50`, scored by score_people_list.py."""
    records = [l for l in (DATA / "clusters" / "dev.jsonl").read_text().splitlines() if l.strip()]
    rows = []
    for seed_no in (1, 2, 3):
        db = OUT / f"clusters_{seed_no}.db"
        if not db.exists():
            order = records[:]
            random.Random(seed_no).shuffle(order)
            src = OUT / f"clusters_{seed_no}.jsonl"
            src.write_text("\n".join(order) + "\n")
            sh(DATELINE + ["ingest", src, "--db", db, "--no-progress"])
        listed = OUT / f"people_{seed_no}.jsonl"
        listed.write_text(sh(DATELINE + ["people", "--json", "--limit", "50", "--db", db]))
        p = scorer("score_people_list.py", listed, DATA / "people" / "dev.labels.json")
        rows.append((f"people list, shuffled order {seed_no}", "score_people_list.py",
                     f"precision@20 {p['precision_at_20']:.3f}, @50 {p['precision_at_50']:.3f}"))
    return rows


if __name__ == "__main__":
    sys.exit(main())
