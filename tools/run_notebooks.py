#!/usr/bin/env python3
"""Runs notebooks top to bottom on a real Jupyter kernel, the way a learner would.

    python3 tools/run_notebooks.py notebooks/02_threads.ipynb          # check only
    python3 tools/run_notebooks.py --store notebooks/*.ipynb           # check, then store with outputs

A notebook fails when a cell raises, shows an error output, or runs past --cell-timeout; a stored
notebook is replaced only when it ran clean, and atomically, so a failure never leaves it half-written.
Prints one line per notebook and exits non-zero if any failed.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError


def error_outputs(nb):
    """(cell index, first line) for every error output; IJava shows compile errors and exceptions so."""
    found = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                found.append((i, f"{out.get('ename', '')}: {out.get('evalue', '')}".strip().splitlines()[0]))
    return found


def java_block(markdown):
    """The code of the first ```java block in a markdown cell."""
    text = markdown.split("```java", 1)[1]
    return text.split("```", 1)[0].strip("\n")


def put_in_solutions(nb):
    """Replaces each cell tagged 'exercise' with the code of the next cell tagged 'solution'."""
    cells = nb.cells
    for i, cell in enumerate(cells):
        if "exercise" in cell.metadata.get("tags", []):
            solution = next(c for c in cells[i + 1:] if "solution" in c.metadata.get("tags", []))
            cell.source = java_block(solution.source)


def coalesce_streams(nb):
    """IJava sends printf output in many pieces; store each run of one stream as one output."""
    for cell in nb.cells:
        merged = []
        for out in cell.get("outputs", []):
            if (out.get("output_type") == "stream" and merged and merged[-1].get("output_type") == "stream"
                    and merged[-1].get("name") == out.get("name")):
                merged[-1]["text"] += out["text"]
            else:
                merged.append(out)
        if "outputs" in cell:
            cell.outputs = merged


def run(path, kernel, cell_timeout, store, solutions=False, out_dir=None):
    nb = nbformat.read(path, as_version=4)
    if solutions:
        put_in_solutions(nb)
    folder = os.path.dirname(os.path.abspath(path))
    client = NotebookClient(nb, kernel_name=kernel, timeout=cell_timeout, allow_errors=False,
                            resources={"metadata": {"path": folder}}, startup_timeout=120)
    start = time.monotonic()
    problem = None
    slowest = (0.0, -1)
    try:
        with client.setup_kernel(stderr=subprocess.DEVNULL):  # the kernel's own INFO log lines
            for index, cell in enumerate(nb.cells):
                t = time.monotonic()
                client.execute_cell(cell, index)
                slowest = max(slowest, (time.monotonic() - t, index))
    except CellTimeoutError:
        problem = f"a cell ran past {cell_timeout} s"
    except CellExecutionError as e:
        problem = str(e).strip().splitlines()[-1][:300] if str(e).strip() else "a cell failed"
    except DeadKernelError as e:
        problem = f"the kernel died: {e}"
    elapsed = time.monotonic() - start
    errors = error_outputs(nb)
    if problem is None and errors:
        problem = f"cell {errors[0][0]} shows an error: {errors[0][1]}"
    if problem:
        if out_dir:
            nbformat.write(nb, os.path.join(out_dir, os.path.basename(path)))
        print(f"FAIL {path}: {problem} (after {elapsed:.1f} s)", flush=True)
        return False
    coalesce_streams(nb)
    if out_dir:
        nbformat.write(nb, os.path.join(out_dir, os.path.basename(path)))
    if store:
        nb.metadata.pop("widgets", None)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".ipynb.part")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            nbformat.write(nb, f)
        os.replace(tmp, path)
    for i, cell in enumerate(nb.cells):
        if "check" in cell.metadata.get("tags", []):
            said = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")
            print(f"     check cell {i}: {said.strip()}", flush=True)
    print(f"ok   {path}: {len(nb.cells)} cells in {elapsed:.1f} s (slowest: cell {slowest[1]}, {slowest[0]:.1f} s)"
          + (", stored with outputs" if store else ""), flush=True)
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--kernel", default="java")
    parser.add_argument("--cell-timeout", type=int, default=120)
    parser.add_argument("--store", action="store_true", help="write each clean run back into its notebook")
    parser.add_argument("--with-solutions", action="store_true",
                        help="run each exercise cell with the solution given in the notebook (checks the checks)")
    parser.add_argument("--out", help="also write each executed notebook into this folder")
    args = parser.parse_args()
    if args.store and args.with_solutions:
        parser.error("--store and --with-solutions do not go together: a stored notebook keeps its exercises")
    results = [run(p, args.kernel, args.cell_timeout, args.store, args.with_solutions, args.out)
               for p in args.notebooks]
    failed = results.count(False)
    print(f"notebooks: {len(results) - failed} passed, {failed} failed", flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
