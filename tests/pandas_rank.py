#!/usr/bin/env python3
"""The ranking `kipp rank` does, written the way an analyst would in pandas.

The yardstick of docs/engine-notes.md ("Speed"): the national sample
(`kipp sample --preset national --out DIR`) ranked with the rules of
docs/scoring.md §2 that its competition uses: conflicts of interest dropped
(§1.4: the judge's agency, the declared innovation ids), eligible innovations
only, `min_judges`, mean / median / trimmed aggregation over judges per
criterion, s = 100 (a - min) / (max - min), raw = weighted mean, bonus rules,
order by q(score) then the tie-break criteria then id, shared ranks, `top`
with ties included, the next stage over those who advanced. No z-score, no
`combine`, no per-category walks or agency caps (the national preset has
none; the script stops on them rather than ranking wrongly).

Usage:  python3 tests/pandas_rank.py DIR [--check RESULT.json]

Prints the winners (the last stage's advancing innovations) one per line.
With --check, compares every stage's advancing set with a result JSON of
`kipp rank` and exits 1 on a difference.
"""

import json
import sys

import numpy as np
import pandas as pd

TRUE = {"", "true", "ya", "yes", "1"}


def q(x):
    # §2.5: round(x * 1e6), half away from zero
    y = np.asarray(x, dtype=float) * 1e6
    return np.sign(y) * np.floor(np.abs(y) + 0.5)


def aggregate(g, how):
    if how == "mean":
        return g.mean()
    if how == "median":
        return g.median()
    # trimmed: with 3 or more, drop one lowest and one highest
    n = g.count()
    s = g.sum()
    t = (s - g.min() - g.max()) / (n - 2)
    return t.where(n >= 3, s / n)


def rule_mask(inn, rule):
    col = inn[rule["when"]["field"]]
    op, v = rule["when"]["op"], rule["when"]["value"]
    if op == "in":
        return col.astype(str).isin([str(x) for x in v])
    num = pd.to_numeric(col, errors="coerce")
    return {
        ">=": num >= v, ">": num > v, "<=": num <= v, "<": num < v,
        "==": num == v, "!=": num != v,
    }[op].fillna(False)


def main(argv):
    d = argv[1]
    comp = json.load(open(f"{d}/competition.json", encoding="utf-8"))
    inn = pd.read_csv(f"{d}/innovations.csv", dtype={"id": str}, keep_default_na=False)
    sc = pd.read_csv(f"{d}/scores.csv")
    judges = pd.read_csv(f"{d}/judges.csv", keep_default_na=False)

    inn["eligible"] = inn["eligible"].astype(str).str.strip().str.lower().isin(TRUE)
    inn = inn.set_index("id")

    # Conflicts: the judge's agency, and the ids a judge declared.
    agency = sc["innovation"].map(inn["agency"])
    jag = sc["judge"].map(judges.set_index("id")["agency"])
    conflict = (jag != "") & (jag == agency)
    pairs = {
        (j, c.strip())
        for j, cs in zip(judges["id"], judges["conflicts"])
        for c in str(cs).split("|")
        if c.strip()
    }
    if pairs:
        conflict |= pd.Series(list(zip(sc["judge"], sc["innovation"]))).isin(pairs).values
    sc = sc[~conflict.values & sc["innovation"].map(inn["eligible"]).values]

    entered = inn.index[inn["eligible"]]
    advanced_by_stage = {}
    for st in comp["stages"]:
        if st.get("normalize", "none") != "none" or st.get("combine"):
            sys.exit("pandas_rank.py: z-score and combine are not written here")
        adv = st.get("advance") or {}
        if adv.get("per_category") or adv.get("max_per_agency") or adv.get("threshold") is not None:
            sys.exit("pandas_rank.py: per_category, max_per_agency, threshold are not written here")
        crit = pd.DataFrame(st["criteria"]).set_index("id")
        s = sc[(sc["stage"] == st["id"]) & sc["innovation"].isin(entered)]
        wide = s.pivot_table(index=["innovation", "judge"], columns="criterion", values="score")
        sheets = wide.groupby(level=0).size()
        a = aggregate(wide.groupby(level=0), st.get("aggregate", "mean"))[crit.index]
        svals = 100 * (a - crit["min"]) / (crit["max"] - crit["min"])
        raw = (svals * crit["weight"]).sum(axis=1) / crit["weight"].sum()
        bonus = pd.Series(0.0, index=raw.index)
        for rule in st.get("bonus", []):
            bonus += np.where(rule_mask(inn.loc[raw.index], rule), rule["points"], 0.0)
        ranked = pd.DataFrame({"score": raw + bonus, "raw": raw, "bonus": bonus})
        ranked = ranked[sheets.reindex(ranked.index) >= st.get("min_judges", 1)]
        keys = ["k_score"]
        ranked["k_score"] = q(ranked["score"])
        for i, tb in enumerate(st.get("tie_break", [])):
            col = f"k{i}"
            if tb.startswith("criterion:"):
                ranked[col] = q(svals.loc[ranked.index, tb.split(":", 1)[1]])
            else:
                ranked[col] = q(ranked[tb])
            keys.append(col)
        ranked = ranked.reset_index(names="id")
        ranked = ranked.sort_values(keys + ["id"], ascending=[False] * len(keys) + [True])
        # Shared ranks: 1 + the number strictly ahead on every key.
        tup = list(map(tuple, ranked[keys].to_numpy()))
        ranks, prev = [], None
        for i, t in enumerate(tup):
            ranks.append(ranks[-1] if t == prev else i + 1)
            prev = t
        ranked["rank"] = ranks
        top = adv.get("top")
        if top is None:
            advanced = ranked["id"]
        elif adv.get("ties", "include") == "include":
            cut = ranked["rank"].iloc[min(top, len(ranked)) - 1] if len(ranked) else 0
            advanced = ranked["id"][ranked["rank"] <= cut]
        else:
            n = min(top, len(ranked))
            last = ranked["rank"].iloc[n - 1]
            nxt = ranked["rank"].iloc[n] if n < len(ranked) else None
            advanced = ranked["id"][: n][ranked["rank"][:n] != last] if nxt == last else ranked["id"][:n]
        advanced_by_stage[st["id"]] = list(advanced)
        entered = pd.Index(advanced)

    winners = advanced_by_stage[comp["stages"][-1]["id"]]
    sys.stdout.write("\n".join(winners) + "\n")
    if len(argv) > 3 and argv[2] == "--check":
        res = json.load(open(argv[3], encoding="utf-8"))
        for st in res["stages"]:
            want = [r["id"] for r in st["rows"] if r["advanced"]]
            if want != advanced_by_stage[st["id"]]:
                sys.exit(f"stage {st['id']}: pandas and kipp differ")
        print("same advancing innovations as kipp in every stage", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
