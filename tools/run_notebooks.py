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


def put_in_exercise(nb, code):
    """Replaces each cell tagged 'exercise' with `code`: an attempt a learner might make (a copy of an earlier cell)."""
    for cell in nb.cells:
        if "exercise" in cell.metadata.get("tags", []):
            cell.source = code


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


def machine_paths(folder):
    """(absolute path, placeholder), longest first: what a stored notebook shows instead of this machine's paths."""
    repo = os.path.dirname(os.path.abspath(folder))
    pairs = {repo: "<repo>", os.path.expanduser("~"): "~"}
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        pairs[os.path.realpath(java_home)] = "<jdk>"
        pairs[java_home.rstrip("/")] = "<jdk>"
    return sorted(((p, h) for p, h in pairs.items() if len(p) > 1), key=lambda ph: -len(ph[0]))


def hide_machine_paths(nb, folder):
    """Stored outputs name the repository, the JDK and the home folder by placeholders, never by this machine's paths."""
    pairs = machine_paths(folder)

    def clean(text):
        for path, placeholder in pairs:
            text = text.replace(path, placeholder)
        return text

    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if "text" in out:
                out["text"] = clean(out["text"])
            data = out.get("data", {})
            for kind in ("text/plain", "text/html", "text/markdown"):
                if kind in data:
                    data[kind] = clean(data[kind]) if isinstance(data[kind], str) else [clean(t) for t in data[kind]]


def run(path, kernel, cell_timeout, store, solutions=False, out_dir=None, starts=6, exercise=None):
    """Runs one notebook; a kernel that fails to start (rapaio's does now and then) is started again."""
    for attempt in range(1, starts + 1):
        try:
            return run_once(path, kernel, cell_timeout, store, solutions, out_dir, exercise)
        except KernelStartFailed as e:
            print(f"     the {kernel} kernel did not start ({e}); attempt {attempt} of {starts}", flush=True)
    return fail(path, f"the {kernel} kernel did not start in {starts} attempts")


class KernelStartFailed(Exception):
    pass


def run_once(path, kernel, cell_timeout, store, solutions, out_dir, exercise=None):
    nb = nbformat.read(path, as_version=4)
    if solutions:
        put_in_solutions(nb)
    if exercise is not None:
        put_in_exercise(nb, exercise)
    folder = os.path.dirname(os.path.abspath(path))
    # A kernel answers within seconds when it starts; rapaio 3.0.1's now and then never does (4 of 12 starts in a row
    # here; the others answered in 1.2 to 1.9 s; a thread dump of a stuck one lacks its heartbeat thread and one of its
    # two channel threads), and a new start then works at once: give up on a start after 10 s, and start again.
    client = NotebookClient(nb, kernel_name=kernel, timeout=cell_timeout, allow_errors=False,
                            resources={"metadata": {"path": folder}}, startup_timeout=10)
    start = time.monotonic()
    problem = None
    slowest = (0.0, -1)
    try:
        try:
            client.km = client.create_kernel_manager()
            client.start_new_kernel(stderr=subprocess.DEVNULL)  # the kernel's own INFO log lines go nowhere
            client.start_new_kernel_client()
        except Exception as e:
            try:
                client.km.shutdown_kernel(now=True)
            except Exception:
                pass
            raise KernelStartFailed(str(e) or type(e).__name__)
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
        if out_dir:
            nbformat.write(nb, os.path.join(out_dir, os.path.basename(path)))
        print(f"FAIL {path}: {problem} (after {elapsed:.1f} s)", flush=True)
        return False
    coalesce_streams(nb)
    if out_dir:
        nbformat.write(nb, os.path.join(out_dir, os.path.basename(path)))
    if store:
        nb.metadata.pop("widgets", None)
        hide_machine_paths(nb, folder)
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


def stored_seconds(cell):
    """How long the cell took when the notebook was stored (nbclient records it), or None."""
    import datetime
    timing = cell.metadata.get("execution", {})
    began, ended = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
    if not began or not ended:
        return None
    parse = lambda t: datetime.datetime.fromisoformat(t.replace("Z", "+00:00"))
    return (parse(ended) - parse(began)).total_seconds()


def moment_seconds(moment, stored):
    """A moment is '0.15s' (fixed) or '50%' (of the cell's stored duration; 1 s assumed when none is stored)."""
    if moment.endswith("%"):
        return max(0.05, float(moment[:-1]) / 100 * (stored or 1.0))
    return float(moment.rstrip("s"))


def long_cells_of(code, first_setup=2, long_cells=1.0):
    """The code cells a learner would interrupt: the one tagged 'longest', and every cell after the setup (the first
    `first_setup` cells: %jars, imports and knobs) but the last (the clean-up) that took `long_cells` s or more."""
    tagged = [i for i, c in enumerate(code) if "longest" in c.metadata.get("tags", [])]
    return sorted(set(tagged[:1]) | {i for i in range(first_setup, len(code) - 1)
                                      if (stored_seconds(code[i]) or 0) >= long_cells})


def interrupt_pass(path, kc, interrupt, code, at_moment, cells, limit):
    """Runs `cells` (code cell indexes) in the kernel `kc` talks to, interrupting each cell of `at_moment` at its moment
    (with `interrupt`, as Jupyter's button does): it must end within `limit` s with no thread still running the
    notebook's code, and every other cell must run without an error. Returns (cells interrupted, problems)."""

    def run_cell(source, timeout):
        msg_id = kc.execute(source)
        return wait_for_cell(kc, msg_id, timeout) + (msg_id,)

    cut, missed, problems, slowest, began = [], [], [], 0.0, time.monotonic()
    for i in cells:
        if i not in at_moment:
            done, _, error, running = run_cell(code[i].source, 120)
            if error or not done:
                after = ", ".join(cut) or "nothing"
                problems.append(f"code cell {i} failed after interrupts in {after}: {(error or 'too slow')[:300]}")
                if not done:
                    wait_for_cell(kc, running, 60)
            continue
        moment = at_moment[i]
        at = moment_seconds(moment, stored_seconds(code[i]))
        done, _, error, running = run_cell(code[i].source, at)
        if done:
            if error:
                problems.append(f"code cell {i} failed before its interrupt at {moment}: {error[:300]}")
            missed.append(i)
            continue
        interrupted_at = time.monotonic()
        interrupt()
        done, _, _ = wait_for_cell(kc, running, limit)
        if not done:
            _, went_on, _ = wait_for_cell(kc, running, 60)
            problems.append(f"code cell {i}, interrupted at {moment} ({at:.2f} s), still running {limit} s after "
                            f"the interrupt (it ended {limit + went_on:.1f} s after it)")
            continue
        # A kernel may answer at once and leave the cell's code running on its thread (IJava does).
        left = max(0.1, limit - (time.monotonic() - interrupted_at))
        done, _, error, _ = run_cell(STILL_RUNNING_PROBE.replace("LIMIT_MS", str(int(left * 1000))), 30)
        if not done or error:
            problems.append(f"code cell {i}'s code, interrupted at {moment} ({at:.2f} s), still runs {limit} s "
                            f"after the interrupt: {(error or 'no answer')[:300]}")
            continue
        ended = time.monotonic() - interrupted_at
        slowest = max(slowest, ended)
        cut.append(f"{i}@{moment}" + (f"={at:.2f}s" if moment.endswith("%") else "") + f" (ended {ended:.2f} s later)")
    if not problems:
        print(f"ok   {path}: interrupted code cells {', '.join(cut) or 'none'}; each ended within {slowest:.1f} s"
              + (f" (cells {missed} had ended before their moment)" if missed else "")
              + f"; every other cell from {cells.start} to {cells.stop - 1} ran ({time.monotonic() - began:.1f} s)",
              flush=True)
    return len(cut), problems


def moments_by_cell(targets, moments, rotate):
    """One {cell: moment} per pass: with `rotate`, one pass, the long cells taking the moments in turn."""
    if rotate:
        return [{t: moments[k % len(moments)] for k, t in enumerate(targets)}]
    return [{t: m for t in targets} for m in moments]


def interrupts(path, kernel, moments, limit, rotate=False):
    """Interrupts a notebook's long cells as a learner would, in one kernel from its first cell: runs the cells before
    the first long one, then the rest, interrupting each long cell at a moment of it (one pass per moment, or with
    `rotate` one pass, the long cells taking the moments in turn), every other cell run in full; the clean-up cell, the
    last, runs once, after the last pass. An interrupt may cut a cell short, never break the cells after it."""
    from jupyter_client.manager import start_new_kernel
    nb = nbformat.read(path, as_version=4)
    folder = os.path.dirname(os.path.abspath(path))
    code = [c for c in nb.cells if c.cell_type == "code"]
    if not any("longest" in c.metadata.get("tags", []) for c in code):
        return fail(path, "no code cell is tagged 'longest' (the cell a learner would most likely interrupt)")
    targets = long_cells_of(code)
    first, last = targets[0], len(code) - 1
    km, kc = start_new_kernel(kernel_name=kernel, cwd=folder, stderr=subprocess.DEVNULL)
    start = time.monotonic()
    try:
        for i in range(first):
            msg_id = kc.execute(code[i].source)
            done, _, error = wait_for_cell(kc, msg_id, 120)
            if error or not done:
                return fail(path, f"code cell {i} failed before any interrupt: {error or 'too slow'}")
        passes = moments_by_cell(targets, moments, rotate)
        problems, interrupted = [], 0
        for n, at_moment in enumerate(passes):
            cells = range(first, last + 1 if n == len(passes) - 1 else last)
            count, found = interrupt_pass(path, kc, km.interrupt_kernel, code, at_moment, cells, limit)
            interrupted, problems = interrupted + count, problems + found
        if not interrupted and not problems:
            problems.append("every long cell ended before its moment: nothing was interrupted")
        for problem in problems:
            print(f"FAIL {path}: {problem}", flush=True)
        if problems:
            return False
        print(f"ok   {path}: {len(passes)} pass(es) in {time.monotonic() - start:.1f} s", flush=True)
        return True
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


# Java for a probe cell: waits up to LIMIT_MS for every other thread to leave the code the notebook's cells compiled
# to (JShell names its classes REPL.$JShell$N...), and throws, naming the threads, if one has not.
STILL_RUNNING_PROBE = """
{
    long probeDeadline = System.nanoTime() + LIMIT_MS * 1_000_000L;
    java.util.List<String> stillRunning;
    do {
        stillRunning = Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey() != Thread.currentThread())
                .filter(e -> java.util.Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().startsWith("REPL.")))
                .map(e -> e.getKey().getName() + " at " + e.getValue()[0])
                .sorted()
                .toList();
        if (!stillRunning.isEmpty()) Thread.sleep(20);
    } while (!stillRunning.isEmpty() && System.nanoTime() < probeDeadline);
    if (!stillRunning.isEmpty()) throw new IllegalStateException("still running: " + stillRunning);
}
"""


def wait_for_cell(kc, msg_id, timeout):
    """Waits until the kernel goes idle after the request `msg_id` (only that request's messages count: an idle
    status that answers another request, or none, proves nothing): (ended in time, seconds, error text or None)."""
    start = time.monotonic()
    error = None
    while True:
        left = timeout - (time.monotonic() - start)
        if left <= 0:
            return False, time.monotonic() - start, error
        try:
            msg = kc.get_iopub_msg(timeout=left)
        except Exception:  # queue.Empty: nothing came in time
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "error":
            trace = " ".join(msg["content"].get("traceback", []))
            error = f"{msg['content'].get('ename')}: {msg['content'].get('evalue')} {trace}"[:500]
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return True, time.monotonic() - start, error


def fail(path, why):
    print(f"FAIL {path}: {why}", flush=True)
    return False


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--kernel", default="java")
    parser.add_argument("--cell-timeout", type=int, default=120)
    parser.add_argument("--store", action="store_true", help="write each clean run back into its notebook")
    parser.add_argument("--with-solutions", action="store_true",
                        help="run each exercise cell with the solution given in the notebook (checks the checks)")
    parser.add_argument("--exercise", metavar="FILE",
                        help="run each exercise cell with the code in FILE (a wrong attempt: checks the checks)")
    parser.add_argument("--out", help="also write each executed notebook into this folder")
    parser.add_argument("--interrupt", action="store_true",
                        help="interrupt each long cell (the one tagged 'longest', and every one that took 1 s or more "
                             "when stored) at each of --moments, as Jupyter's interrupt button does, and check that it "
                             "ends within 2 s with nothing of it left running, and that every cell after it still runs")
    parser.add_argument("--moments", metavar="M,M,...", default="0.25s,50%,85%",
                        help="with --interrupt: when to interrupt a long cell: '0.25s' after it starts, or '50%%' of "
                             "the time it took when stored; one pass over the notebook per moment (default: %(default)s)")
    parser.add_argument("--rotate", action="store_true",
                        help="with --interrupt: one pass, the long cells taking the moments in turn")
    args = parser.parse_args()
    if args.interrupt:
        moments = args.moments.split(",")
        results = [interrupts(p, args.kernel, moments, 2.0, rotate=args.rotate) for p in args.notebooks]
        failed = results.count(False)
        print(f"interrupts: {len(results) - failed} passed, {failed} failed", flush=True)
        sys.exit(1 if failed else 0)
    if args.store and (args.with_solutions or args.exercise):
        parser.error("--store goes with neither --with-solutions nor --exercise: a stored notebook keeps its exercises")
    exercise = None
    if args.exercise:
        with open(args.exercise, encoding="utf-8") as f:
            exercise = f.read()
    results = [run(p, args.kernel, args.cell_timeout, args.store, args.with_solutions, args.out, exercise=exercise)
               for p in args.notebooks]
    failed = results.count(False)
    print(f"notebooks: {len(results) - failed} passed, {failed} failed", flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
