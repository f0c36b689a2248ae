#!/usr/bin/env python3
"""Each lesson's code is written once, in its script; the notebook's code cells that show it are stamped from it.

    python3 tools/stamp_notebooks.py notebooks/*.ipynb           # stamp: write each marked cell from its region
    python3 tools/stamp_notebooks.py --check notebooks/*.ipynb   # check only: exit 1 naming every drift

A script marks its teaching code with regions, as JUnit's user guide does:

    // tag::counters[]
    final class SynchronizedCounter implements Counter { ... }
    // end::counters[]

and a notebook code cell whose metadata says {"course": {"from": "scripts/Lesson04Lock.java#counters"}} holds
exactly that region's text. A markdown cell with the same metadata shows the region as a fenced java block: code
the kernel cannot run (lesson 02b's preview API), still written once. --check also fails when a region is shown by no cell of the notebook, when a cell
not stamped from the script declares a type (teaching code belongs in the script; exercise, solution and check
cells are the notebook's own), or when a script's own code outside its regions (the story that main tells) is
longer than STORY_LIMIT lines. A stamped notebook is written atomically; its outputs are kept until the next run.
"""
import argparse
import os
import re
import sys
import tempfile

import nbformat

STORY_LIMIT = 120
TAG = re.compile(r"^\s*// (tag|end)::([A-Za-z0-9_-]+)\[\]\s*$")
TYPE = re.compile(r"^(?:public |final |abstract |sealed |non-sealed |static )*(class|record|interface|enum) +(\w+)", re.M)
OWN_CELLS = {"exercise", "solution", "check"}


class Drift(Exception):
    pass


def regions(script):
    """{name: text} of every region in the script; the tag lines of nested regions are left out."""
    lines = open(script, encoding="utf-8").read().splitlines()
    open_at, found = {}, {}
    for i, line in enumerate(lines):
        m = TAG.match(line)
        if not m:
            continue
        kind, name = m.groups()
        if kind == "tag":
            if name in open_at or name in found:
                raise Drift(f"{script}:{i + 1}: region '{name}' opens twice")
            open_at[name] = i
        else:
            if name not in open_at:
                raise Drift(f"{script}:{i + 1}: region '{name}' ends but never opened")
            body = [l for l in lines[open_at.pop(name) + 1:i] if not TAG.match(l)]
            found[name] = dedent(body)
    if open_at:
        raise Drift(f"{script}: region(s) never ended: {', '.join(open_at)}")
    return found


def dedent(lines):
    while lines and not lines[0].strip():
        lines = lines[1:]
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    indent = min((len(l) - len(l.lstrip()) for l in lines if l.strip()), default=0)
    return "\n".join(l[indent:] for l in lines)


def story_lines(script):
    """The script's own code outside its regions: not blank, not a comment, not an import or a jbang directive."""
    count, depth = 0, 0
    for line in open(script, encoding="utf-8").read().splitlines():
        m = TAG.match(line)
        if m:
            depth += 1 if m.group(1) == "tag" else -1
            continue
        s = line.strip()
        if depth or not s or s.startswith("//") or s.startswith("*") or s.startswith("/*") or s.startswith("import "):
            continue
        count += 1
    return count


def source_of(cell):
    return cell.get("metadata", {}).get("course", {}).get("from")


def stamp(path, check):
    """Stamps (or with check, compares) one notebook; returns the list of problems found."""
    nb = nbformat.read(path, as_version=4)
    root = os.path.dirname(os.path.dirname(os.path.abspath(path)))
    problems, scripts, shown, changed = [], {}, set(), False
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code" and not (cell.cell_type == "markdown" and source_of(cell)):
            continue
        origin = source_of(cell)
        if origin is None:
            tags = set(cell.metadata.get("tags", []))
            declared = TYPE.search(cell.source)
            if declared and not tags & OWN_CELLS:
                problems.append(f"{path}: cell {index} declares {declared.group(1)} {declared.group(2)}: "
                                f"teaching code belongs in the script, stamped into the notebook")
            continue
        script, _, name = origin.partition("#")
        try:
            if script not in scripts:
                scripts[script] = regions(os.path.join(root, script))
        except (Drift, OSError) as e:
            problems.append(str(e))
            scripts[script] = {}
        text = scripts[script].get(name)
        if text is None:
            problems.append(f"{path}: cell {index} is stamped from {origin}, which has no such region")
            continue
        shown.add((script, name))
        if cell.cell_type == "markdown":        # code the kernel cannot run (e.g. a preview API), shown as text
            text = "```java\n" + text + "\n```"
        if cell.source != text:
            if check:
                problems.append(f"{path}: cell {index} differs from {origin}: run tools/stamp_notebooks.py")
            else:
                cell.source = text
                changed = True
    if not scripts:
        problems.append(f"{path}: no cell is stamped from a script: a lesson's code is written once, in its script")
    for script, found in scripts.items():
        for name in found:
            if (script, name) not in shown:
                problems.append(f"{path}: region {script}#{name} is shown by no cell")
        lines = story_lines(os.path.join(root, script))
        if lines > STORY_LIMIT:
            problems.append(f"{script}: {lines} lines of the script's own code outside its regions (at most {STORY_LIMIT}): "
                            f"move the harness into the lib")
    if changed and not problems:
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(path)), prefix=".", suffix=".ipynb.part")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            nbformat.write(nb, f)
        os.replace(tmp, path)
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 naming every drift")
    args = parser.parse_args()
    problems = []
    for path in args.notebooks:
        found = stamp(path, args.check)
        problems += found
        print(f"{'ok  ' if not found else 'FAIL'} {path}", flush=True)
    for problem in problems:
        print(f"     {problem}", flush=True)
    print(f"stamp: {len(args.notebooks)} notebook(s), {len(problems)} problem(s)", flush=True)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
