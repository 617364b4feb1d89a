"""What each start-up trick saves: the start with every trick on, and with each one off.

The tricks live in `jobhunt_desktop.startup`; each stays only while it saves 5 ms or
more of the first paint or of the time until the window takes input. The app is
started as in window_benchmark.py (`python -m jobhunt_desktop` on 10,000 applications,
50,000 events, follow-ups planned; QT_QPA_PLATFORM=offscreen; JOBHUNT_REPORT_PAINT=1),
timed from the parent until it prints PAINTED (first paint) and ATTACHED (services in,
input taken), with the diagnostic ``JOBHUNT_STARTUP_TRICKS`` switching one trick off
at a time:

- quick board off (``-quick``): the board paints only once the services are in, the
  ORM path;
- gc pause off (``-gc``): the garbage collector runs throughout;
- Qt preload off (``-preload``): Qt's libraries load on the GUI thread. It needs the
  second core: measured while other work keeps that core busy, it saves nothing.

One warm-up round (byte code cached under PYTHONPYCACHEPREFIX in the temporary folder,
the file cache warm), then --runs rounds, each starting every case once, in turn, so
that drift hits every case alike. A trick's saving is the median with it off less the
median with every trick on; the median of the rounds' own differences is printed
beside it. The spread between runs is tens of milliseconds on a busy machine: for a
verdict near the threshold, give --runs 40 or more.

Run: python benchmarks/startup_benchmark.py [--runs N] [--apps N] [--xcb]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.window_benchmark import Run, child_env, first_paint, seed_board, xvfb_display

ROOT = Path(__file__).resolve().parents[1]
THRESHOLD_MS = 5.0  # a trick that saves less goes

# case -> (what is switched off, JOBHUNT_STARTUP_TRICKS)
CASES = {
    "all": ("every trick on", ""),
    "quick": ("quick board off (the ORM path)", "-quick"),
    "gc": ("gc pause off", "-gc"),
    "preload": ("Qt preload off", "-preload"),
}


def measure(
    path: Path, folder: Path, runs: int, platform: str, display: str | None
) -> dict[str, list[Run]]:
    base = child_env(folder, platform, display)
    base["PYTHONPATH"] = str(ROOT)  # this checkout, whatever is installed
    envs = {name: {**base, "JOBHUNT_STARTUP_TRICKS": off} for name, (_, off) in CASES.items()}
    command = [sys.executable, "-m", "jobhunt_desktop", "--db", str(path)]
    for env in envs.values():  # warm-up
        first_paint(command, env)
    results: dict[str, list[Run]] = {name: [] for name in CASES}
    for _ in range(runs):
        for name, env in envs.items():
            results[name].append(first_paint(command, env))
    return results


def report(label: str, results: dict[str, list[Run]]) -> None:
    def ms(values: list[float]) -> float:
        return statistics.median(values) * 1e3

    painted = {name: [r.seconds for r in runs] for name, runs in results.items()}
    attached = {name: [r.attached for r in runs] for name, runs in results.items()}
    runs = len(painted["all"])
    print(f"\nprocess start -> first paint, and -> attached [{label}], median of {runs}")
    for name, (text, _) in CASES.items():
        each = " ".join(f"{v * 1e3:.0f}" for v in painted[name])
        print(
            f"  {text:<32} paint {ms(painted[name]):6.1f} ms  attached {ms(attached[name]):6.1f}"
            f" ms   (paint runs: {each})"
        )
    print(f"what each trick saves (kept at >= {THRESHOLD_MS:.0f} ms of either)")
    print(f"  {'':<8} {'first paint':>12} {'per round':>10}   {'attached':>9} {'per round':>10}")
    for name, (text, _) in CASES.items():
        if name == "all":
            continue
        figures = []
        for times in (painted, attached):
            saving = ms(times[name]) - ms(times["all"])
            paired = ms([off - on for off, on in zip(times[name], times["all"], strict=True)])
            figures.append((saving, paired))
        (paint, paint_paired), (ready, ready_paired) = figures
        verdict = "keep" if max(paint, ready) >= THRESHOLD_MS else "REMOVE"
        print(
            f"  {name:<8} {paint:9.1f} ms {paint_paired:7.1f} ms   {ready:6.1f} ms"
            f" {ready_paired:7.1f} ms   {verdict:<6} [{text}]"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--apps", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--xcb", action="store_true", help="also on xcb under Xvfb")
    args = parser.parse_args()
    began = time.perf_counter()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = folder / "full.sqlite3"
        seed_board(path, args.apps, args.events)
        print(
            f"database: {args.apps:,} applications, {args.events:,} events, follow-ups"
            f" planned; Python {sys.version.split()[0]}"
        )
        report("offscreen", measure(path, folder, args.runs, "offscreen", None))
        if args.xcb:
            with xvfb_display() as display:
                if display is None:
                    print("\n(xcb runs skipped: Xvfb is not installed)")
                else:
                    xcb = measure(path, folder, args.runs, "xcb", display)
                    report(f"xcb on Xvfb {display}", xcb)
    print(f"\ntotal benchmark time {time.perf_counter() - began:.0f} s")


if __name__ == "__main__":
    main()
