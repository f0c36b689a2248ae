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


def run(path, kernel, cell_timeout, store):
    nb = nbformat.read(path, as_version=4)
    folder = os.path.dirname(os.path.abspath(path))
    client = NotebookClient(nb, kernel_name=kernel, timeout=cell_timeout, allow_errors=False,
                            resources={"metadata": {"path": folder}}, startup_timeout=120)
    start = time.monotonic()
    problem = None
    slowest = (0.0, -1)
    try:
        with client.setup_kernel():
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
        print(f"FAIL {path}: {problem} (after {elapsed:.1f} s)", flush=True)
        return False
    if store:
        nb.metadata.pop("widgets", None)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".ipynb.part")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            nbformat.write(nb, f)
        os.replace(tmp, path)
    print(f"ok   {path}: {len(nb.cells)} cells in {elapsed:.1f} s (slowest: cell {slowest[1]}, {slowest[0]:.1f} s)"
          + (", stored with outputs" if store else ""), flush=True)
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--kernel", default="java")
    parser.add_argument("--cell-timeout", type=int, default=120)
    parser.add_argument("--store", action="store_true", help="write each clean run back into its notebook")
    args = parser.parse_args()
    results = [run(p, args.kernel, args.cell_timeout, args.store) for p in args.notebooks]
    failed = results.count(False)
    print(f"notebooks: {len(results) - failed} passed, {failed} failed", flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
