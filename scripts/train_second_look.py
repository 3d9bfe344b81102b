"""Train the second look (fbdesk/domain/policy/second_look.py) on the engine's past blocks and write
fbdesk/domain/policy/model-second-look.json. Reproducible: the data are read in file order and the solver is
deterministic. Needs scikit-learn (training only; the package reads the JSON).

    python scripts/collect_past_blocks.py     # once, from git history: tests/policy/past-blocks.jsonl
    python scripts/train_second_look.py       # evaluate forward in time, choose the threshold, train on all, write
    python scripts/train_second_look.py --dry-run

Labels: a past block of an honest text is a mistake (1), of a violation a catch (0), among the blocks the engine may
doubt (every error a rule's judgement, engine.JUDGEMENTS; no learned judge's finding). The features are
second_look.features() of the text, the rules that blocked it and its kind; each n-gram's weight is multiplied by its
inverse document frequency, folded into the weights written.

The threshold is chosen forward in time, as the judge would have met each file: for each of the last FORWARD_COMMITS
commits, a judge trained on the blocks of earlier commits weighs that commit's blocks. The threshold is the
lowest that would have let at most MAX_CATCHES_LET of all those catches become warnings.

Shipped since 2026-12-04 (ninth session): trained also on the blocks of the two engines before the newest one before
each file (collect_past_blocks.LAGS = 3), at threshold 0.9293 from the forward evaluation: 59 of 185 mistakes and 3 of
2,100 catches, against 50 of 183 for the judge trained on the newest engine's blocks alone (0.9471; shipped
2026-12-03). Against that judge, beside the same rules: on the six never-read pairs of blind rounds (44/41, 52/49,
53/50, 56/53, 57/54, 58/55) 60 against 63 of 1,242 honest texts blocked, 1,278 of 1,338 violations either way; on
pair 61/58, written after it was trained, no verdict changed (211 of 223, 2 of 207); on every other labelled set 130
against 134 of 28,936 honest texts, no violation let through. Retrained the same day with the pairs 60/57 and 61/58
read and added to the past blocks (11,619 distinct blocks): forward 56 of 172 mistakes for 3 of 2,154 catches at
0.9293; on every set above, no verdict changed.

Tried first: trained on every past block (judge findings and facts too) it turned more honest blocks into warnings
(12 of 65 on the five pairs, without the error sentences) but also six labelled violations, among them "You have to
change your review, we did nothing wrong." (a short text gives it little to weigh). Hence what it reads now, and the
engine's rules that it doubts only what no judge backs and never beside an ask said outright (tests pin both).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from sklearn.feature_extraction import DictVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from fbdesk.domain.policy.engine import JUDGEMENTS  # noqa: E402
from fbdesk.domain.policy.second_look import features  # noqa: E402

PAST = ROOT / "tests/policy/past-blocks.jsonl"
OUT = ROOT / "fbdesk/domain/policy/model-second-look.json"
MIN_DOCUMENTS = 3  # an n-gram in fewer past blocks than this is left out
C = 4.0
FORWARD_COMMITS = 20
MAX_CATCHES_LET = 0.001  # the share of catches the forward evaluation may turn into warnings
PRUNE_BELOW = 1e-4  # weights smaller than this are left out of the file


def load_cases() -> dict[tuple[str, str], dict]:
    cases = {}
    for path in sorted((ROOT / "tests/policy").rglob("*.jsonl")):
        if path == PAST:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                case = json.loads(line)
                if "id" in case:
                    cases[(path.name, str(case["id"]))] = case
    return cases


def dataset() -> tuple[list[dict[str, float]], np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels (1: a mistake), the place of each block's file in history, and whether the newest engine
    before the file made it (lag 1). Where older engines blocked a text the same way, the block is kept once."""
    cases = load_cases()
    rows, seen = [], set()
    for line in PAST.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        key = (r["file"], str(r["id"]), tuple(r["blocking"]), json.dumps(r["spans"]))
        if key in seen or not all(rule in JUDGEMENTS for rule in r["blocking"]):  # what the engine may doubt
            continue
        seen.add(key)
        rows.append(r)
    feats = [
        features(cases[(r["file"], str(r["id"]))]["text"], r["blocking"], r["kind"], [tuple(s) for s in r["spans"]])
        for r in rows
    ]
    return (
        feats,
        np.array([int(r["honest"]) for r in rows]),
        np.array([r["order"] for r in rows]),
        np.array([r.get("lag", 1) == 1 for r in rows]),
    )


class Fitted:
    def __init__(self, feats: list[dict[str, float]], y: np.ndarray):
        documents: dict[str, int] = {}
        for f in feats:
            for g in f:
                documents[g] = documents.get(g, 0) + 1
        n = len(feats)
        self.idf = {
            g: (1.0 if g.startswith(("r:", "kind:")) else math.log((1 + n) / (1 + d)) + 1)
            for g, d in documents.items()
            if d >= MIN_DOCUMENTS
        }
        self.vectorizer = DictVectorizer()
        x = self._matrix(feats, fit=True)
        self.clf = LogisticRegression(C=C, class_weight="balanced", max_iter=3000, solver="liblinear").fit(x, y)

    def _matrix(self, feats: list[dict[str, float]], fit: bool = False):
        weighted = [{g: v * self.idf[g] for g, v in f.items() if g in self.idf} for f in feats]
        x = (self.vectorizer.fit_transform if fit else self.vectorizer.transform)(weighted).tocsr()
        x.indices, x.indptr = x.indices.astype(np.int32), x.indptr.astype(np.int32)  # liblinear's index type
        return x

    def probabilities(self, feats: list[dict[str, float]]) -> np.ndarray:
        probabilities: np.ndarray = self.clf.predict_proba(self._matrix(feats))[:, 1]
        return probabilities

    def weights(self) -> dict[str, float]:
        names = self.vectorizer.get_feature_names_out()
        return {
            g: round(float(w) * self.idf[g], 5)
            for g, w in zip(names, self.clf.coef_[0], strict=True)
            if abs(w * self.idf[g]) >= PRUNE_BELOW
        }


def forward(feats: list[dict[str, float]], y: np.ndarray, order: np.ndarray, newest: np.ndarray) -> float:
    """The threshold, from the blocks of each commit's files by the engine just before it, weighed by a judge
    trained on the blocks of earlier commits' files."""
    start = sorted(set(order.tolist()))[-FORWARD_COMMITS]
    scores, labels = [], []
    for place in sorted({int(o) for o in order if o >= start}):
        before, now = np.where(order < place)[0], np.where((order == place) & newest)[0]
        fitted = Fitted([feats[i] for i in before], y[before])
        scores += list(fitted.probabilities([feats[i] for i in now]))
        labels += list(y[now])
    s, lab = np.array(scores), np.array(labels)
    catches = np.sort(s[lab == 0])[::-1]
    threshold = float(max(0.5, catches[int(MAX_CATCHES_LET * len(catches))] + 1e-6))
    print(f"forward: {len(s)} blocks of {len(set(order[order >= start]))} commits, {int(lab.sum())} mistakes")
    for th in sorted({0.7, 0.8, 0.9, 0.95, round(threshold, 4)}):
        print(
            f"  at {th:.4f}: {int(((s >= th) & (lab == 1)).sum())} mistakes and"
            f" {int(((s >= th) & (lab == 0)).sum())} of {int((lab == 0).sum())} catches turned into warnings"
        )
    return threshold


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args()
    feats, y, order, newest = dataset()
    print(f"{len(y)} past blocks, {int(y.sum())} of honest texts")
    threshold = forward(feats, y, order, newest)
    print(f"threshold {threshold:.4f}")
    if args.dry_run:
        return
    fitted = Fitted(feats, y)
    weights = fitted.weights()
    data = {
        "about": "The second look (second_look.py): logistic regression over second_look.features() of the engine's"
        " past blocks. Written by scripts/train_second_look.py; do not edit by hand.",
        "bias": round(float(fitted.clf.intercept_[0]), 5),
        "threshold": round(threshold, 4),
        "weights": weights,
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(weights)} weights")


if __name__ == "__main__":
    main()
