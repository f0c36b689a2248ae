#!/usr/bin/env python3
"""The note's cataas.py, written again for this course: N cats downloaded one of four ways.

The four ways are the note's: one after another, a threading.Thread per cat, a multiprocessing.Process per
cat, and asyncio with aiohttp (the note also uses aiofiles; here the event loop writes each small file itself,
which blocks it for a moment per cat). Unlike the note, a failed download is counted, not skipped, and a
picture is written to a hidden file and renamed, so a failure leaves no half-written cat.

Each way prints one JSON line on stdout (what the Java lessons read):
  {"way": "threads", "cats": 10, "ok": 10, "failed": 0, "wall_ms": 161.2, "cpu_ms": 48.0, "workers": 10, ...}
wall_ms and cpu_ms cover the downloads only (not Python's start-up); cpu_ms is this process's CPU plus that
of the child processes it waited for; workers is how many threads (or processes) ran a download.

Run it:  python3 python/cats.py --url http://127.0.0.1:8080/cat --count 10 --way all --out cats/python
         (jbang cat-server --port 8080 serves the cats; the lesson notebooks/02b_async.ipynb runs it for you)
Needs:   requests and aiohttp (Debian: apt-get install python3-requests python3-aiohttp; or pip install
         requests aiohttp). Without them it says so on one line and exits 3.
"""
import argparse
import asyncio
import json
import multiprocessing
import os
import resource
import sys
import threading
import time
import uuid

WAYS = ["sequential", "threads", "processes", "asyncio"]
MISSING = 3  # exit code: a package is missing


def save(picture: bytes, folder: str) -> None:
    """Writes the picture to a hidden file, then renames it: a reader never sees half a cat."""
    name = f"cat-{uuid.uuid4()}.png"
    partial = os.path.join(folder, "." + name + ".part")
    with open(partial, "wb") as f:
        f.write(picture)
    os.replace(partial, os.path.join(folder, name))


def download_image(url: str, folder: str, timeout: float) -> bool:
    """One cat with requests, on the calling thread; False when it failed."""
    import requests
    try:
        response = requests.get(url, timeout=timeout)
        if response.status_code != 200:
            return False
        save(response.content, folder)
        return True
    except requests.RequestException:
        return False


def sequential(url, folder, n, timeout, done):
    for _ in range(n):
        done(download_image(url, folder, timeout))


def threads(url, folder, n, timeout, done):
    """The note's loop: a Thread per cat, started, then all joined."""
    started = []
    for _ in range(n):
        thread = threading.Thread(target=lambda: done(download_image(url, folder, timeout)))
        thread.start()
        started.append(thread)
    for thread in started:
        thread.join()


def _child(url, folder, timeout):
    sys.exit(0 if download_image(url, folder, timeout) else 1)


def processes(url, folder, n, timeout, done):
    """The same with a Process per cat; a child reports by its exit code."""
    started = []
    for _ in range(n):
        process = multiprocessing.Process(target=_child, args=(url, folder, timeout))
        process.start()
        started.append(process)
    for process in started:
        process.join()
        done(process.exitcode == 0, ("process", process.pid))


def asyncio_way(url, folder, n, timeout, done):
    """One thread, one event loop: each download is a coroutine that gives the loop back while it waits."""
    import aiohttp

    async def download(session):
        try:
            async with session.get(url) as response:
                if response.status != 200:
                    return False
                save(await response.read(), folder)
                return True
        except (aiohttp.ClientError, asyncio.TimeoutError):
            return False

    async def main():
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout)) as session:
            for ok in await asyncio.gather(*(download(session) for _ in range(n))):
                done(ok)

    asyncio.run(main())


def cpu_seconds() -> float:
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def run(way, url, folder, n, timeout):
    folder = os.path.join(folder, way)
    os.makedirs(folder, exist_ok=True)
    counts, workers, lock = {"ok": 0, "failed": 0}, set(), threading.Lock()

    def done(ok, worker=None):
        with lock:  # the GIL makes one += atomic in CPython today, but not a read-then-write we rely on
            counts["ok" if ok else "failed"] += 1
            workers.add(worker or ("thread", threading.current_thread().name))  # names are never reused; ids are

    function = {"sequential": sequential, "threads": threads, "processes": processes, "asyncio": asyncio_way}[way]
    cpu, start = cpu_seconds(), time.perf_counter()
    function(url, folder, n, timeout, done)
    wall, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    return {"way": way, "cats": n, "ok": counts["ok"], "failed": counts["failed"], "wall_ms": round(wall * 1000, 1),
            "cpu_ms": round(cpu * 1000, 1), "workers": len(workers), "python": sys.version.split()[0]}


def main(argv=None):
    parser = argparse.ArgumentParser(description="Download N cats one of the note's four ways; one JSON line per way.")
    parser.add_argument("--url", required=True, help="where the cats come from, e.g. http://127.0.0.1:8080/cat")
    parser.add_argument("--count", type=int, default=10, help="cats per way (1 to 2000; the note's CATS_QTY is 10)")
    parser.add_argument("--way", choices=WAYS + ["all"], default="all")
    parser.add_argument("--out", default=os.path.join("cats", "python"), help="where the cats go; each way gets a folder")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds before a silent server is given up on")
    args = parser.parse_args(argv)
    if not 1 <= args.count <= 2000:
        parser.error("--count must be between 1 and 2000")
    if not args.url.startswith(("http://", "https://")):
        parser.error("--url must be an http(s) URL")
    try:
        import requests  # noqa: F401
        import aiohttp  # noqa: F401
    except ImportError as e:
        print(f"cats.py needs requests and aiohttp ({e.name} is missing): apt-get install python3-requests "
              "python3-aiohttp, or pip install requests aiohttp", file=sys.stderr)
        return MISSING
    for way in WAYS if args.way == "all" else [args.way]:
        print(json.dumps(run(way, args.url, args.out, args.count, args.timeout)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
