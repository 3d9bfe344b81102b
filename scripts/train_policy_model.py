"""Train the learned judges of feedback conduct and of contempt (fbdesk/domain/policy/learned.py) on the labelled
cases and write fbdesk/domain/policy/model.json and model-contempt.json. Reproducible: the data are read in file
order and the solver is deterministic.

    python scripts/train_policy_model.py            # evaluate on the held-out rounds, then train on all and write
    python scripts/train_policy_model.py --dry-run  # evaluate only
    python scripts/train_policy_model.py --passage  # train only the passage judge, beside the shipped judges

The passage judge (model-passage.json) was written by --passage at d868f08 (2026-12-04, thirteenth session), beside
the shipped conduct judge, on everything read up to pair 98/95 (21,508 violations, 161,089 honest passages). It reads
each sentence with the sentences either side, and speaks where the two whole-text judges and the rules found nothing:
in a long e-mail the one sentence that asks is outweighed by the rest. Trained from texts labelled whole
(multiple-instance learning, train_passages()). Beside the judge it replaced (written at 853c2cc, before some 30,000
cases were added), at the same rules, on text neither had seen: the five pairs 99/96 to 103/100 (measured before
anyone read them) 1,084 against 1,082 of 1,115 violations blocked, 16 against 21 of 1,035 honest texts; the six
never-read pairs 1,285 against 1,287 of 1,338, 54 against 56 of 1,242; the 120 older held-out files 4,380 against
4,383 of 4,460, 28 against 30 of 4,140. Retrained with the conduct judge too (from its picks), the pair of them did
no better (on the pairs 96/93 to 103/100, the six pairs and the older files 7,400 against 7,404 violations, 106
against 117 honest texts; the passage judge alone, beside the shipped conduct judge: 7,402 and 107), so the conduct
judge stays. At a threshold of 0.98 instead of 0.99 the new passage judge gained one violation and lost three honest
texts of those; PASSAGE_THRESHOLD stays.

The contempt judge retrained on everything read up to pair 108/105 (fourteenth session, at 8beaf08; 2,684 contempt
cases, 31,829 honest texts) and judged beside the shipped one at the same rules on text it never saw (the six
never-read pairs, the 120 older held-out files and pair 109/106): 5,967 against 5,959 of 6,099 violations blocked, 83
against 82 of 5,661 honest texts. It was not shipped: it reads "Sorry, we were idiots and sent the wrong size." as
contempt, faintly, so the insult word said of ourselves blocked instead of warning (pinned by a test), as the retrain
of the fifth session did.

Both judges retrained on everything read up to pair 117/114 (fifteenth session, rules of f90b291; 24,292
violations, 33,709 honest texts for conduct, threshold 0.903; 2,815 contempt cases) and judged beside the shipped ones
at the same rules, messages and responses, on text neither saw: the six never-read pairs 1,182 against 1,180 of 1,230
violations, 49 against 51 of 1,134 honest texts; the 120 older held-out files 4,037 against 4,033 of 4,100, but 32
against 28 of 3,780 honest; pair 118/115 (unread) 203 against 200 of 205, 2 of 189 either way. Not shipped: four more
honest texts blocked on the older files for a few violations is no gain at issue 14's 2% bar.

The shipped conduct judge (model.json) was written by this script on 2026-12-04 (twelfth session, rules of 5a3d7e6),
on everything read up to pair 81/78 (18,984 violations, 26,906 honest texts; threshold 0.913), conduct judge only.
First trained with the ten pairs 71/68 to 80/77 held out, beside the judge it replaced, on text neither had seen:
those ten pairs 2,214 against 2,215 of 2,230 violations blocked, 21 honest texts of 2,070 either way; the 120 older
held-out files 4,382 of 4,460 either way, 27 against 32 of 4,140 honest; the six never-read pairs (44/41 ... 58/55)
1,283 of 1,338 either way, 55 against 59 of 1,242. Trained on all: the older files 4,381 against 4,382, 31 against
32; the six pairs 1,286 against 1,283, 56 against 59; pairs 82/79 to 84/81 (read, but never trained on) 660 against
659 of 669, 13 against 12 of 621; pair 85/82, written after it was trained and measured before anyone read it, 218
against 216 of 223, 6 of 207 honest either way. The paragraphs below are the judge it replaced.

The conduct judge shipped before (2026-12-03, fifth session) was trained on 473 sets: all the
training sets and the blind rounds read up to en-51 / *-48, everything but tests/policy/blind-rounds. Trained first with
the pairs 42/39 to 52/49 held out too, it read those eleven pairs (never trained on by either judge) at area under the
ROC curve 0.986 against 0.976 for the judge of 238d295, and beside the rules blocked 2,367 against 2,350 of their
2,453 violations and 83 against 92 of 2,277 honest texts. The judge shipped, trained on all, beside the rules on text
it never saw: the three pairs never read (44/41, 52/49, 53/50) 642 against 637 of 669 violations, 38 honest texts of
621 either way; the 120 older held-out files 4,374 against 4,369 of 4,460, 41 against 40 of 4,140. Its threshold is
0.918. The contempt judge retrained with it caught 30 more of the 206 held-out contempt cases on its own, but beside
the rules added 4 honest blocks on the same unseen files for 7 violations, and blocked "Sorry, we were idiots and sent
the wrong size." (a test pins it as a warning); held to 0.9 or 0.95 it gained nothing (7,000 and 6,994 against 6,999
of 7,136 violations, 118 and 116 against 115 of 6,624 honest texts on the pairs 42/39 to 53/50 and the 120 older
held-out files, none of which either contempt judge saw). The contempt judge of 238d295 is still shipped
(model-contempt.json). Neither is a passage judge retrained from the new conduct judge: on the same files, beside the
conduct judge trained with the pairs held out, 6,929 against 6,936 violations, 133 against 134 honest texts.

Retrained in the sixth session (at 01cc051, with the pairs 54/51 and 55/52 read and added: 15,666 violations and
22,549 honest texts; threshold 0.925), on the five pairs never read (44/41, 52/49, 53/50, 56/53, 57/54): the conduct
judge alone 1,066 against 1,067 of 1,115 violations and 64 against 65 of 1,035 honest texts, the same on the 120 older
held-out files; with the contempt judge retrained too, 1,068 and 64 on the five pairs but 4,380 and 45 against 4,374
and 41 on the older files. Neither was shipped: one text either way is no evidence.

The judges of 238d295: sixty-seven training sets were added after it
(en-train-au to en-train-ca, de-train-ae to -al, fr-train-ab to -ah, es-train-ab to -ah, it-train-z to -af, ja-train-w
to -aa), and rules changed. Twice retrained on most of them, the judges were no better on the held-out rounds:
- on 224 sets: 3,656 of 3,791 violations blocked either way, 53 against 52 of 3,519 honest texts blocked, and the
  contempt judge blocked a sentence the tests pin ("Über 10000 Kunden haben diese Lampe gekauft.");
- on 246 sets (at fb1e6aa): 12 more violations blocked, but 7 more honest texts (the conduct judge's), and the
  contempt judge blocked "We've added a note to your account so your future orders get checked ..." (pinned);
- on 326 sets (a dry run at 1e88bae, messages and responses): on the four fresh rounds of 2026-12-03 (34/31, 35/32)
  385 against 380 of 410 violations blocked, 23 honest texts of 378 either way; on the 120 older held-out files 4,013
  against 3,994 of 4,100, but 59 against 52 of 3,780 honest texts;
- on 344 sets (at 46441c6, beside the passage judge, at its threshold 0.926): on the 120 older held-out files 4,372
  against 4,359 of 4,460 violations blocked, but 50 against 45 of 4,140 honest texts; held at 0.96 (4,362 and 46)
  it was a wash on the fresh rounds too (36/33: 211 against 213 of 223, 18 against 20 of 207 honest; 37/34: 218
  against 217, 9 against 8).
- on 404 sets (2026-12-03, third session: rounds en-36 to en-41 and *-33 to *-38 added): threshold 0.915; on the
  one fresh pair never trained on (42/39) 211 against 210 of 223 violations, 11 against 12 of 207 honest texts; on
  the 120 older held-out files 4,372 against 4,361 of 4,460, but 43 against 37 of 4,140 honest texts (at 0.933:
  4,370 and 41).
So the judges of 238d295 stayed shipped until the fifth session's retrain (above); the eleven fresh pairs held out
then, more than any retrain above had, showed the gain.

Labels. A conduct violation (positive) is a "block" case whose violation is about the buyer's feedback (pressure,
incentive, solicitation, notices): for our own cases, one the rules block with a conduct rule; for a blind round or
a training set (tests/policy/training: cases written for training by authors who never saw the engine), one whose
category does not name a surface problem (contact details, links, marketing, tone, ...). Honest texts (negative) are
"ok", "notblock" and "warn+" cases. Surface-only violations are left out: the rules own them.
Contempt (positive) is a "block" case whose category names hostility, a put-down, sarcasm or an announced blacklist
(in the author's words and language: CONTEMPT_CATEGORY); honest texts (negative) are "ok" and "notblock" cases
("warn+" ones are left out: many are the rude tone that only warns).

Evaluation (printed): the threshold is the lowest that keeps cross-validated false blocks under 1% (contempt: 0.5%,
and at least CONTEMPT_LEAST); the blind rounds not yet used for any fix (tests/policy/blind-rounds) are judged with
the rules alone and with the model, trained on everything else. They are never trained on.
Needs scikit-learn (training only; the package reads the JSON).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from sklearn.feature_extraction.text import CountVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.model_selection import GroupKFold, StratifiedKFold  # noqa: E402

from fbdesk.domain.policy import (  # noqa: E402
    LintContext,
    learned,
    lint,
)
from fbdesk.domain.policy.engine import learned_features, learned_passages  # noqa: E402

OWN = [ROOT / "tests/policy/cases.jsonl", ROOT / "tests/fixtures/policy-dev.jsonl"]
# labelled by category: the blind rounds already used for fixes, and the training sets
BY_CATEGORY = (
    sorted((ROOT / "tests/policy").glob("cases-blind-*.jsonl"))
    + sorted((ROOT / "tests/policy/used-rounds").glob("*.jsonl"))
    + sorted((ROOT / "tests/policy/training").glob("*.jsonl"))
)
HELD_OUT = sorted((ROOT / "tests/policy/blind-rounds").glob("*.jsonl"))
POLICY = ROOT / "fbdesk/domain/policy"
CONDUCT_RULES = {
    "incentive-for-feedback",
    "feedback-pressure",
    "solicit-positive-feedback",
    "removal-notice-before-resolved",
    "repeat-removal-notice",
    "removal-request-in-response",
}
SURFACE_CATEGORY = re.compile(
    r"phone|email|mail|handle|social|address|market|link|telegram|whatsapp|hostile|blame|"
    r"important|name|personal|tone|insult|profan|caps|emoji|html|long|promo|contact"
)
# The contempt judge's threshold is at least this. It reads every message and response, and a short honest sentence
# gives it few n-grams to weigh: below it, it blocked "Über 10000 Kunden haben diese Lampe gekauft." and "Monsieur,
# nous ne livrons malheureusement pas en Suisse." (tests pin both), where cross-validation alone allowed 0.5.
CONTEMPT_LEAST = 0.8
# the authors name categories in their own words, and languages ("condescension", "blacklist", "herablassend", "mépris")
CONTEMPT_CATEGORY = re.compile(
    r"hostil|ostil|feindselig|insult|contempt|put-?down|rude|sarcas|sarkas|mock|condescen|blacklist|herablass|desprec|"
    r"m[ée]pris|disprezz|spott|grossi[eè]r|groser"
)


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def context(case: dict) -> LintContext:
    return LintContext(kind=case["kind"], **case.get("context", {}))


def contempt_label(case: dict, blind: bool) -> int | None:
    """1 contempt, 0 honest, None left out."""
    if case["kind"] not in ("message", "response") or case["expect"] == "warn+":
        return None
    if case["expect"] in ("ok", "notblock"):
        return 0
    return 1 if case["expect"] == "block" and CONTEMPT_CATEGORY.search(case.get("cat", "")) else None


def label(case: dict, blind: bool) -> int | None:
    """1 conduct violation, 0 honest, None left out."""
    if case["kind"] not in ("message", "response"):
        return None
    if case["expect"] in ("ok", "notblock", "warn+"):
        return 0
    if case["expect"] != "block":
        return None
    if blind:
        return None if SURFACE_CATEGORY.search(case.get("cat", "")) else 1
    with_rules = {f.rule for f in _rules_only(case) if f.severity == "error"}
    return 1 if with_rules & CONDUCT_RULES else None


def _rules_only(case: dict):
    saved = learned.model, learned.contempt_model
    learned.model = learned.contempt_model = lambda: None  # type: ignore[assignment]
    try:
        return lint(case["text"], context(case))
    finally:
        learned.model, learned.contempt_model = saved


_FEATURES: dict[tuple[str, str], list[str]] = {}  # both judges weigh the same features: each case is read once


def features(case: dict) -> list[str]:
    """What lint() gives the model: the text as the rules read it, the allowed removal notice set aside."""
    key = (case["text"], json.dumps(case.get("context", {}), sort_keys=True) + case["kind"])
    if key not in _FEATURES:
        _FEATURES[key] = learned_features(case["text"], context(case))
    return _FEATURES[key]


def dataset(paths: list[Path], blind: bool, label=label) -> tuple[list[str], list[list[str]], np.ndarray]:
    """The files the cases come from (each one author's), their features and labels."""
    files, feats, ys = [], [], []
    for path in paths:
        for case in load(path):
            y = label(case, blind)
            if y is None:
                continue
            files.append(path.name)
            feats.append(features(case))
            ys.append(y)
    return files, feats, np.array(ys)


def fit(feats: list[list[str]], y: np.ndarray, c: float = 2.0) -> tuple[CountVectorizer, LogisticRegression]:
    vectorizer = CountVectorizer(analyzer=lambda f: f, binary=True, min_df=2)
    x = vectorizer.fit_transform(feats)
    clf = LogisticRegression(C=c, max_iter=2000, class_weight="balanced", solver="liblinear")
    clf.fit(x, y)
    return vectorizer, clf


def as_model(vectorizer: CountVectorizer, clf: LogisticRegression, threshold: float) -> learned.Model:
    names = vectorizer.get_feature_names_out()
    weights = {str(n): round(float(w), 4) for n, w in zip(names, clf.coef_[0], strict=True) if abs(w) >= 0.01}
    return learned.Model(weights, round(float(clf.intercept_[0]), 4), threshold)


def _cross_validated(feats: list[list[str]], y: np.ndarray, folds) -> np.ndarray:
    probs = np.zeros(len(y))
    for train, test in folds:
        vec, clf = fit([feats[i] for i in train], y[train])
        probs[test] = clf.predict_proba(vec.transform([feats[i] for i in test]))[:, 1]
    return probs


def choose_threshold(
    feats: list[list[str]], y: np.ndarray, files: list[str], max_false_blocks: float, least: float
) -> float:
    """The lowest probability threshold that keeps false blocks on honest texts (cross-validated) under the limit.
    Also printed: the same threshold with each author's file held out whole, closer to text by someone new (the
    folds above mix an author's cases into training and test)."""
    probs = _cross_validated(feats, y, StratifiedKFold(5, shuffle=True, random_state=14).split(feats, y))
    honest = np.sort(probs[y == 0])[::-1]
    allowed = int(max_false_blocks * len(honest))
    threshold = float(max(least, honest[allowed] + 1e-4))
    caught = float(np.mean(probs[y == 1] >= threshold))
    print(
        f"cross-validated: threshold {threshold:.3f}, violations caught by the model alone {caught:.1%}, "
        f"honest flagged {np.mean(probs[y == 0] >= threshold):.2%}"
    )
    by_author = _cross_validated(feats, y, GroupKFold(5).split(feats, y, files))
    print(
        f"  each author held out whole: caught {np.mean(by_author[y == 1] >= threshold):.1%}, "
        f"honest flagged {np.mean(by_author[y == 0] >= threshold):.2%}"
    )
    return threshold


def judge(models: tuple[learned.Model, learned.Model] | None, paths: list[Path]) -> None:
    saved = learned.model, learned.contempt_model
    learned.model = lambda: models and models[0]  # type: ignore[assignment]
    learned.contempt_model = lambda: models and models[1]  # type: ignore[assignment]
    try:
        for path in paths:
            counts = {"v": 0, "vb": 0, "h": 0, "hb": 0}
            for case in load(path):
                if case["kind"] == "feedback" or case["expect"] not in ("block", "ok", "notblock"):
                    continue
                blocked = any(f.severity == "error" for f in lint(case["text"], context(case)))
                key = "v" if case["expect"] == "block" else "h"
                counts[key] += 1
                counts[key + "b"] += blocked
            print(
                f"  {path.name:32} {'rules+models' if models else 'rules only':12} violations blocked "
                f"{counts['vb']}/{counts['v']}, honest blocked {counts['hb']}/{counts['h']}"
            )
    finally:
        learned.model, learned.contempt_model = saved


def train(name: str, label, max_false_blocks: float, least: float = 0.5) -> learned.Model:
    own_files, own_feats, own_y = dataset(OWN, blind=False, label=label)
    cat_files, cat_feats, cat_y = dataset(BY_CATEGORY, blind=True, label=label)
    feats, y = own_feats + cat_feats, np.concatenate([own_y, cat_y])
    print(f"{name}: training cases: {int(y.sum())} violations, {int((y == 0).sum())} honest")
    threshold = choose_threshold(feats, y, own_files + cat_files, max_false_blocks, least)
    return as_model(*fit(feats, y), threshold)


# The passage judge's threshold: of 0.95 to 0.995, the lowest at which, beside the shipped judges, it blocked no more
# honest texts of the older held-out rounds than they did alone (measured at its training).
PASSAGE_THRESHOLD = 0.99


def train_passages(conduct: learned.Model) -> learned.Model:
    """The passage judge, learned from texts labelled whole (multiple-instance learning): every passage of an honest
    text is honest; of a violation, the one passage the judge weighs most is the violation. The conduct judge picks
    it first; then twice the passage judge is trained and picks again."""
    cases = [(case, path) for path in OWN + BY_CATEGORY for case in load(path)]
    texts, ys = [], []
    for case, path in cases:
        y = label(case, blind=path not in OWN)
        passages = learned_passages(case["text"], context(case)) if y is not None else []
        if passages:  # (a text all of whose sentences the rules read exactly has none)
            texts.append(passages)
            ys.append(y)
    honest = [p for passages, y in zip(texts, ys, strict=True) if y == 0 for p in passages]

    def picked(weigh) -> list[list[str]]:
        """Of each violation, the passage `weigh` (passages -> probabilities) weighs most."""
        return [passages[int(np.argmax(weigh(passages)))] for passages, y in zip(texts, ys, strict=True) if y == 1]

    def by_conduct(passages: list[list[str]]) -> list[float]:
        weights = conduct.weights
        return [conduct.probability_of({f: weights[f] for f in p if f in weights}) for p in passages]

    violations = picked(by_conduct)
    print(f"passage: {len(violations)} violations, {len(honest)} honest passages")
    for _ in range(2):
        vectorizer, clf = fit(honest + violations, np.array([0] * len(honest) + [1] * len(violations)), c=1.0)
        violations = picked(lambda passages, v=vectorizer, c=clf: c.predict_proba(v.transform(passages))[:, 1])
    return as_model(vectorizer, clf, PASSAGE_THRESHOLD)


def write(model: learned.Model, path: Path, about: str) -> None:
    data = {
        "about": about + " Written by scripts/train_policy_model.py; do not edit by hand.",
        "bias": model.bias,
        "threshold": model.threshold,
        "weights": dict(sorted(model.weights.items())),
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}: {len(model.weights)} weights")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--passage", action="store_true", help="train only the passage judge, beside the shipped ones")
    args = parser.parse_args()
    if args.passage:
        shipped = learned.model()
        assert shipped is not None, "the passage judge starts from the shipped conduct judge"
        passage = train_passages(shipped)
        if not args.dry_run:
            write(
                passage,
                POLICY / "model-passage.json",
                "The learned judge of feedback conduct in a passage (learned.py): logistic regression over "
                "learned.passage_features_of().",
            )
        return
    conduct = train("conduct", label, max_false_blocks=0.01)
    # the contempt judge reads every message and response, not only those about feedback: held to fewer false blocks
    contempt = train("contempt", contempt_label, max_false_blocks=0.005, least=CONTEMPT_LEAST)
    if HELD_OUT:
        print("held-out blind rounds (never trained on):")
        judge(None, HELD_OUT)
        judge((conduct, contempt), HELD_OUT)
    if not args.dry_run:
        write(
            conduct,
            POLICY / "model.json",
            "The learned judge of feedback conduct (learned.py): logistic regression over learned.features().",
        )
        write(
            contempt,
            POLICY / "model-contempt.json",
            "The learned judge of contempt for the buyer (learned.py): logistic regression over learned.features().",
        )


if __name__ == "__main__":
    main()
