"""A stdlib-only comparator, the yardstick for speed: regex sentences, difflib similarity, best match.

usage: python bench/baseline.py OLD NEW   (prints a JSON summary)
"""

import difflib
import json
import re
import sys

SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")


def sentences(path):
    with open(path, encoding="utf-8") as f:
        return [s.strip() for s in SENTENCE.findall(f.read()) if s.strip()]


def main(old_path, new_path):
    old, new = sentences(old_path), sentences(new_path)
    changes, matched = [], set()
    for o in old:
        best, best_ratio = None, 0.0
        for k, n in enumerate(new):
            ratio = difflib.SequenceMatcher(None, o, n).ratio()
            if ratio > best_ratio:
                best, best_ratio = k, ratio
        if best is not None and best_ratio >= 0.6:
            matched.add(best)
            kind = "unchanged" if o == new[best] else "reworded"
            changes.append({"kind": kind, "old": o, "new": new[best], "similarity": round(best_ratio, 3)})
        else:
            changes.append({"kind": "dropped", "old": o})
    changes += [{"kind": "new", "new": n} for k, n in enumerate(new) if k not in matched]
    json.dump({"changes": changes}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(*sys.argv[1:3])
