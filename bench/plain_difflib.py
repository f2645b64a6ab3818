"""The plain stdlib way to diff two statements, the yardstick for start-up: regex sentences, difflib over the sentence lists, JSON out.

usage: python bench/plain_difflib.py OLD NEW   (prints the sentence-level opcodes as JSON)
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
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    changes = [
        {"op": op, "old": old[i1:i2], "new": new[j1:j2]}
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
    ]
    json.dump({"changes": changes}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(*sys.argv[1:3])
