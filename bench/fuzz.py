"""Fuzz every reader through `forewarn.ingest.ingest` into a real SQLite store, in long-lived worker processes
with a hang limit per input and a peak-RSS measurement per input.

    nice -n 10 .venv/bin/python bench/fuzz.py                      # 10,000 inputs per reader, 2 workers
    .venv/bin/python bench/fuzz.py --per-reader 200 --readers feed,csv
    .venv/bin/python bench/fuzz.py --minutes 60 --out fuzz.json     # as many as fit in an hour
    .venv/bin/python bench/fuzz.py --replay html:1234               # one input again, in this process
    .venv/bin/python bench/fuzz.py --table a.json b.json            # one Markdown table of a run's chunks
    nice -n 10 .venv/bin/python bench/fuzz.py --readers html --per-reader 2000 --recycle 0   # a long-lived process
    nice -n 10 .venv/bin/python bench/fuzz.py --detect --per-reader 100   # and the stages after ingest

Input number k of reader R is rebuilt from (R, k) alone (tests/fuzzing.seeded_input: a random.Random seeded
with "R:k" drives the mutations of R's seed file: byte flips, truncation, NULs, huge fields, deep nesting,
re-encoding, BOMs, entity and character-reference tricks, JSON number/escape tricks, splices), so a finding
is reported as `R:k` and reproduces with --replay, in any process. Inputs are at most 8 MB (the size cap).

Fast by construction: each worker imports and warms up once (dateparser's languages, the language
identifier, the parsers), then generates and ingests inputs itself (nothing but "R k" crosses the pipe);
readers are interleaved, so a run cut short by --minutes has comparable counts for all of them; two
workers by default (the machine's cores). For each input:
  uncaught    an exception escaped ingest() (the issue's 553 of 17,600 before the fix): must be 0;
  hang        the worker spent --hang CPU seconds (10) on the input without answering (or 30 times that
              in wall time, for an input that blocks): killed and replaced. CPU time, because on a shared
              machine (load 10-15 on 2 cores here) wall time measures the neighbours, not the input;
  unexpected  an exception the isolation caught and quarantined as "unexpected error" (a defect, not the
              input's fault: nothing is lost, but each is worth a look);
  peak MB     the worker's peak resident memory while reading that input (VmHWM, reset before each input),
              and the input that reached each reader's peak.
A worker is replaced after --recycle inputs (default 2,000; 0: never), so an input's peak is its own and not
what thousands of earlier ones left behind; the growth itself is reported, not hidden: the figures give each
worker's resident memory after its warm-up and when it was retired (`workers`), and --recycle 0 runs the
long-lived process a watcher or a folder ingest is (growth there is a product bug: it was trafilatura's
caches of page-sized strings, now emptied after each page).
--detect adds what `forewarn ingest` runs after reading (detection, linking, warnings) into a fresh store per
input, so every document an input yields is detected; it costs several times the reading (the encoder, and a
new store for each input), so the full run reads and stores and a smaller --detect run samples detection.
The figures also give the workers' CPU seconds (inputs per CPU second does not depend on the load) and the
1-minute load average at each progress line.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.fuzzing import READERS, seeded_input  # noqa: E402

if TYPE_CHECKING:
    from forewarn.settings import Settings
    from forewarn.store import Store

POLL_SECONDS = 0.5  # how often a busy worker's CPU time is checked
WALL_FACTOR = 30  # a worker that has not answered in this many times --hang of wall time is a hang too
REPORT_EVERY = 100  # inputs between progress lines (and rewrites of --out)
RECYCLE_STORE_EVERY = 200  # inputs: a fresh database now and then, so the file stays small
KEEP_FINDINGS = 20  # inputs saved per reader


def worker(detect: bool) -> None:
    """Read `reader seed` lines; build that input, ingest it (and with `detect`, run the stages after ingest);
    answer one JSON line per input."""
    from tests.fuzzing import ingest_one, unexpected, warm_up

    from forewarn.settings import Settings
    from forewarn.store import Store

    config = Settings()
    base = Path("/dev/shm") if Path("/dev/shm").is_dir() else None  # the store is not what is fuzzed
    workdir = Path(tempfile.mkdtemp(prefix="fuzz-worker-", dir=base))
    store = Store(f"sqlite:///{workdir}/fuzz.db")
    stages = after_ingest(config, store) if detect else None
    try:
        warm_up(workdir, store, config)
        print(json.dumps({"ready": True, "workdir": str(workdir), "rss_mb": rss_mb()}), flush=True)
        for done, line in enumerate(sys.stdin):
            name, number = line.split()
            if detect or (done and done % RECYCLE_STORE_EVERY == 0):  # detect: a fresh store for each input
                store.close()
                Path(workdir, "fuzz.db").unlink(missing_ok=True)
                store = Store(f"sqlite:///{workdir}/fuzz.db")
            data = seeded_input(name, int(number))
            reset_peak()
            started, cpu, error, defects = time.monotonic(), time.process_time(), "", []
            before = len(unexpected(store))
            try:
                ingest_one(name, data, workdir, store, config)
                if stages:
                    stages(store)
                defects = unexpected(store)[before:]
            except BaseException as exc:  # noqa: BLE001  (what the fuzzer is looking for)
                error = f"{type(exc).__name__}: {exc}"[:500]
            print(json.dumps({"seconds": time.monotonic() - started, "cpu_seconds": time.process_time() - cpu,
                              "peak_mb": peak_mb(), "rss_mb": rss_mb(), "input_mb": len(data) / 1e6, "error": error,
                              "unexpected": defects[:3]}), flush=True)  # fmt: skip
    finally:
        store.close()
        for path in workdir.iterdir():
            path.unlink()
        workdir.rmdir()


def after_ingest(config: Settings, store: Store) -> Callable[[Store], dict[str, int]]:
    """What `forewarn ingest` runs after reading (pipeline.process: detection, linking, warnings) with the
    detector and gazetteer built once, warmed on the seeds; without sync_places (the gazetteer as a table,
    the same for every input). Into a fresh store per input, every document an input yields is detected, as
    `forewarn --db new.db ingest FILE` would."""
    from tests.fuzzing import READERS, ingest_one

    from forewarn.detect import Detector, run_detection
    from forewarn.link import run_linking
    from forewarn.places import gazetteer_for
    from forewarn.warning import refresh_warnings

    gazetteer = gazetteer_for(config)
    detector = Detector.from_settings(config, gazetteer)

    def stages(into: Store) -> dict[str, int]:
        claims, linked = run_detection(into, detector=detector), run_linking(into)
        return {"claims": claims, "linked": linked, "warnings": len(refresh_warnings(into, gazetteer, config))}

    with tempfile.TemporaryDirectory() as scratch:
        for name, reader in READERS.items():
            ingest_one(name, reader.seed, Path(scratch), store, config)
        stages(store)
    return stages


def reset_peak() -> None:
    with contextlib.suppress(OSError):  # without it the figure is the process's peak so far: an upper bound
        Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS (Linux)


def peak_mb(key: str = "VmHWM:") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key):
            return int(line.split()[1]) / 1024
    return 0.0


def rss_mb() -> float:
    return peak_mb("VmRSS:")


class Worker:
    """One worker process and the input it is on."""

    def __init__(self, detect: bool) -> None:
        command = [sys.executable, __file__, "--worker", *(["--detect"] if detect else [])]
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=REPO)
        assert self.process.stdout is not None
        ready = json.loads(self.process.stdout.readline())  # after its warm-up
        self.workdir, self.warm_mb = Path(ready["workdir"]), float(ready["rss_mb"])
        self.task: tuple[str, int] | None = None
        self.done, self.rss_mb = 0, self.warm_mb  # inputs answered; resident memory after the last one
        self.sent_at = 0.0
        self.cpu_at_send = 0.0

    def send(self, name: str, number: int) -> None:
        assert self.process.stdin
        self.task, self.sent_at, self.cpu_at_send = (name, number), time.monotonic(), self.cpu()
        self.process.stdin.write(f"{name} {number}\n")
        self.process.stdin.flush()

    def answer(self) -> dict[str, object]:
        assert self.process.stdout
        line = self.process.stdout.readline()
        self.task = None
        if not line:  # the worker died on this input (a crash in C code would show here)
            return {"died": True, "error": f"worker died (exit code {self.process.wait()})"}
        answer: dict[str, object] = json.loads(line)
        self.done, self.rss_mb = self.done + 1, float(answer["rss_mb"])  # type: ignore[arg-type]
        return answer

    def life(self) -> dict[str, float]:
        """What the worker's memory did: after its warm-up, after its last input, over how many inputs."""
        return {"inputs": self.done, "warm_mb": round(self.warm_mb), "retired_mb": round(self.rss_mb)}

    def cpu(self) -> float:
        """The worker's user + system CPU seconds so far (Linux /proc)."""
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def kill(self) -> float:
        """Kill it; the CPU seconds it had spent on its input."""
        used = self.cpu() - self.cpu_at_send
        self.process.kill()
        self.process.wait()
        shutil.rmtree(self.workdir, ignore_errors=True)  # killed, it could not remove its own
        return used

    def close(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin
            self.process.stdin.close()
            self.process.wait(timeout=60)


@dataclass
class Figures:
    inputs: int = 0
    uncaught: int = 0
    hangs: int = 0
    unexpected: int = 0
    died: int = 0
    max_seconds: float = 0.0
    max_cpu_seconds: float = 0.0
    max_hang_cpu_seconds: float = 0.0
    max_peak_mb: float = 0.0
    max_peak_input: str = ""  # the input that reached max_peak_mb
    max_input_mb: float = 0.0
    p99_seconds: float = 0.0
    cpu_seconds: float = 0.0  # the workers' CPU time on this reader's inputs (hangs included): load-independent
    findings: list[dict[str, object]] = field(default_factory=list)
    durations: list[float] = field(default_factory=list, repr=False)

    def add(self, answer: dict[str, object], scratch: Path, name: str, number: int) -> None:
        self.inputs += 1
        if answer.get("died"):
            self.died += 1
            self.keep(scratch, name, number, str(answer["error"]))
            return
        seconds = float(answer["seconds"])  # type: ignore[arg-type]
        self.durations.append(seconds)
        self.cpu_seconds += float(answer["cpu_seconds"])  # type: ignore[arg-type]
        self.max_seconds = max(self.max_seconds, seconds)
        self.max_cpu_seconds = max(self.max_cpu_seconds, float(answer["cpu_seconds"]))  # type: ignore[arg-type]
        if float(answer["peak_mb"]) > self.max_peak_mb:  # type: ignore[arg-type]
            self.max_peak_mb, self.max_peak_input = float(answer["peak_mb"]), f"{name}:{number}"  # type: ignore[arg-type]
        self.max_input_mb = max(self.max_input_mb, float(answer["input_mb"]))  # type: ignore[arg-type]
        if answer["error"]:
            self.uncaught += 1
            self.keep(scratch, name, number, str(answer["error"]))
        if answer["unexpected"]:
            self.unexpected += 1
            self.keep(scratch, name, number, "; ".join(map(str, answer["unexpected"])))  # type: ignore[call-overload]

    def hang(self, scratch: Path, name: str, number: int, hang: float, cpu: float, wall: float) -> None:
        self.inputs += 1
        self.hangs += 1
        self.cpu_seconds += cpu
        self.max_hang_cpu_seconds = max(self.max_hang_cpu_seconds, cpu)
        self.keep(scratch, name, number, f"hang: {cpu:.1f} CPU s, {wall:.0f} s wall (limit {hang:g} CPU s)")

    def keep(self, scratch: Path, name: str, number: int, what: str) -> None:
        """Note a finding as `reader:seed` (enough to rebuild it), and save the first few inputs too."""
        finding: dict[str, object] = {"input": f"{name}:{number}", "what": what[:300]}
        if len(self.findings) < KEEP_FINDINGS:
            kept = scratch / f"{name}-{number}.bin"
            kept.write_bytes(seeded_input(name, number))
            finding["saved"] = str(kept)
        self.findings.append(finding)

    def as_dict(self) -> dict[str, object]:
        ordered = sorted(self.durations)
        self.p99_seconds = ordered[int(len(ordered) * 0.99)] if ordered else 0.0
        return {k: v for k, v in self.__dict__.items() if k != "durations"}


def run(names: list[str], per_reader: int, first: int, hang: float, workers: int, stop_at: float, scratch: Path,
        report: Callable[[dict[str, Figures], bool], None], detect: bool = False, recycle: int = 0,
        lives: list[dict[str, float]] | None = None) -> tuple[dict[str, Figures], bool]:  # fmt: skip
    """Every reader's inputs first .. first + per_reader - 1, interleaved, over `workers` processes, each
    replaced after `recycle` inputs (0: never); each worker's memory over its life goes into `lives`."""
    lives = [] if lives is None else lives
    figures = {name: Figures() for name in names}
    tasks = iter([(name, first + k) for k in range(per_reader) for name in names])
    pool = [Worker(detect) for _ in range(workers)]
    stopped_early, pending, done = False, True, 0
    try:
        while True:
            for one in pool:
                if one.task is None and pending:
                    task = next(tasks, None)
                    if task is None or time.monotonic() >= stop_at:
                        stopped_early, pending = task is not None, False
                    else:
                        one.send(*task)
            busy = [one for one in pool if one.task is not None]
            if not busy:
                break
            outputs = [one.process.stdout for one in busy if one.process.stdout is not None]
            ready, _, _ = select.select(outputs, [], [], POLL_SECONDS)
            for index, one in enumerate(pool):
                if one.task is None:
                    continue
                name, number = one.task
                if one.process.stdout in ready:
                    answer = one.answer()
                    figures[name].add(answer, scratch, name, number)
                    if answer.get("died"):
                        lives.append(one.life())
                        pool[index] = Worker(detect)
                    elif recycle and one.done >= recycle:  # retired: the next input's peak is its own again
                        lives.append(one.life())
                        one.close()
                        pool[index] = Worker(detect)
                elif one.cpu() - one.cpu_at_send >= hang or time.monotonic() - one.sent_at >= hang * WALL_FACTOR:
                    wall = time.monotonic() - one.sent_at
                    figures[name].hang(scratch, name, number, hang, one.kill(), wall)
                    lives.append(one.life())
                    pool[index] = Worker(detect)
                else:
                    continue
                done += 1
                if done % REPORT_EVERY == 0:
                    report(figures, stopped_early)
    finally:
        for one in pool:
            lives.append(one.life())
            if one.task is not None:
                one.kill()
            else:
                one.close()
    return figures, stopped_early


def replay(spec: str, detect: bool) -> None:
    """Ingest one input in this process (for a debugger or a profiler) and say what happened."""
    from tests.fuzzing import ingest_one, unexpected, warm_up

    from forewarn.settings import Settings
    from forewarn.store import Store

    name, number = spec.rsplit(":", 1)
    with tempfile.TemporaryDirectory() as workdir:
        with Store(f"sqlite:///{workdir}/warm.db") as store:
            stages = after_ingest(Settings(), store) if detect else None
            warm_up(Path(workdir), store, Settings())
        with Store(f"sqlite:///{workdir}/fuzz.db") as store:
            data = seeded_input(name, int(number))
            started, cpu = time.monotonic(), time.process_time()
            summary = ingest_one(name, data, Path(workdir), store, Settings())
            after = f"; stages: {stages(store)}" if stages else ""
            print(f"{spec}: {len(data):,} bytes, {time.monotonic() - started:.2f} s, "
                  f"{time.process_time() - cpu:.2f} CPU s; {summary}{after}; unexpected: {unexpected(store)}")


SUMMED = ("inputs", "uncaught", "hangs", "unexpected", "died", "cpu_seconds")
MAXED = ("max_cpu_seconds", "max_seconds", "p99_seconds", "max_peak_mb", "max_input_mb")


def table(paths: list[Path]) -> str:
    """The Markdown table of one or more --out files (chunks of a run continued with --first N): counts added,
    maxima taken (so the p99 column is the largest chunk's p99, an upper bound), findings listed."""
    runs = [json.loads(path.read_text()) for path in paths]
    names = list(dict.fromkeys(name for run in runs for name in run["readers"]))
    lines = ["| reader | inputs | uncaught | hangs (10 CPU s) | unexpected (caught) | died | max CPU s | max s (wall) "
             "| p99 s (wall) | CPU s in all | peak RSS MB (input) | largest input MB |",
             "|" + " --- |" * 12]  # fmt: skip
    findings = []
    for name in names:
        parts = [run["readers"][name] for run in runs if name in run["readers"]]
        f = {key: sum(part[key] for part in parts) for key in SUMMED} | {
            key: max(part[key] for part in parts) for key in MAXED}  # fmt: skip
        at = max(parts, key=lambda part: part["max_peak_mb"]).get("max_peak_input", "")
        lines.append(f"| {name} | {f['inputs']:,} | **{f['uncaught']}** | {f['hangs']} | {f['unexpected']} | "
                     f"{f['died']} | {f['max_cpu_seconds']:.2f} | {f['max_seconds']:.1f} | {f['p99_seconds']:.2f} | "
                     f"{f['cpu_seconds']:,.0f} | {f['max_peak_mb']:.0f}{f' (`{at}`)' if at else ''} | "
                     f"{f['max_input_mb']:.1f} |")  # fmt: skip
        findings += [f"- `{x['input']}`: {x['what']}" for part in parts for x in part["findings"]]
    chunks = ", ".join(f"inputs {run['first']:,}-{run['first'] + _per_reader(run) - 1:,} ({run['elapsed_s'] / 60:.0f} "
                       f"min, {run['workers']} workers, load {run['load_min']}-{run['load_max']}, "
                       f"{run['inputs_per_cpu_s']} inputs/CPU s{_lives(run)})" for run in runs)  # fmt: skip
    return "\n".join([*lines, "", f"Chunks: {chunks}.", *(["", "Findings:", *findings] if findings else [])])


def _per_reader(run: dict[str, dict[str, dict[str, int]]]) -> int:
    return max(figures["inputs"] for figures in run["readers"].values())


def _lives(run: dict[str, object]) -> str:
    """The workers' memory: resident after warm-up and when retired (runs before --recycle did not say)."""
    if "worker_lives" not in run:
        return ""
    recycle = f"every {run['recycle']:,} inputs" if run["recycle"] else "never"
    lives = len(run["worker_lives"])  # type: ignore[arg-type]
    return (f"; workers replaced {recycle}, {lives:,} in all, resident after warm-up up to {run['max_warm_mb']} MB, "
            f"when retired up to {run['max_retired_mb']} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--detect", action="store_true",
                        help="also run the stages after ingest (detection, linking, warnings), a fresh store per input")
    parser.add_argument("--per-reader", type=int, default=10_000)
    parser.add_argument("--first", type=int, default=0, help="first input number (to continue a run)")
    parser.add_argument("--readers", default=",".join(READERS), help="comma-separated (default: all)")
    parser.add_argument("--hang", type=float, default=10.0, help="CPU seconds before an input counts as a hang")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--recycle", type=int, default=2000,
                        help="replace a worker after this many inputs (0: never, a long-lived process)")
    parser.add_argument("--minutes", type=float, default=None, help="start no new input after this many minutes")
    parser.add_argument("--out", type=Path, default=None, help="write the figures as JSON here (as it goes)")
    parser.add_argument("--replay", metavar="READER:N", help="run one input in this process")
    parser.add_argument("--table", type=Path, nargs="+", metavar="OUT", help="print the Markdown table of --out files")
    args = parser.parse_args()
    if args.table:
        print(table(args.table))
        return
    if args.worker:
        worker(args.detect)
        return
    if args.replay:
        replay(args.replay, args.detect)
        return
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))  # so the workers are stopped too
    names = args.readers.split(",")
    scratch = Path(tempfile.mkdtemp(prefix="forewarn-fuzz-"))
    started = time.monotonic()
    stop_at = started + args.minutes * 60 if args.minutes else float("inf")

    loads: list[float] = []  # the 1-minute load average at each report: what the wall times were measured under
    lives: list[dict[str, float]] = []  # each retired worker's memory (the live ones are added at the end)

    def report(figures: dict[str, Figures], stopped_early: bool) -> None:
        elapsed = time.monotonic() - started
        loads.append(round(os.getloadavg()[0], 1))
        total = sum(f.inputs for f in figures.values())
        cpu = sum(f.cpu_seconds for f in figures.values())
        results = {"per_reader": args.per_reader, "first": args.first, "hang_s": args.hang, "workers": args.workers,
                   "detect": args.detect, "recycle": args.recycle, "worker_lives": lives,
                   "max_warm_mb": max((life["warm_mb"] for life in lives), default=0),
                   "max_retired_mb": max((life["retired_mb"] for life in lives), default=0),
                   "elapsed_s": round(elapsed), "stopped_early": stopped_early, "findings_dir": str(scratch),
                   "cpu_s": round(cpu), "inputs_per_cpu_s": round(total / max(cpu, 1e-9), 1),
                   "load_min": min(loads), "load_max": max(loads), "load_mean": round(sum(loads) / len(loads), 1),
                   "readers": {name: f.as_dict() for name, f in figures.items()}}  # fmt: skip
        if args.out:
            args.out.write_text(json.dumps(results, indent=2))
        print(f"[{elapsed:.0f} s, load {loads[-1]:.1f}] {total} inputs ({total / max(elapsed, 1e-9):.1f}/s, "
              f"{total / max(cpu, 1e-9):.1f}/CPU s), "
              f"{sum(f.uncaught for f in figures.values())} uncaught, {sum(f.hangs for f in figures.values())} hangs, "
              f"{sum(f.unexpected for f in figures.values())} unexpected", file=sys.stderr, flush=True)  # fmt: skip

    figures, stopped_early = run(names, args.per_reader, args.first, args.hang, args.workers, stop_at, scratch,
                                 report, args.detect, args.recycle, lives)  # fmt: skip
    report(figures, stopped_early)
    print(f"{'reader':<18} {'inputs':>7} {'uncaught':>8} {'hangs':>5} {'unexp.':>6} {'died':>4} {'max s':>6} "
          f"{'p99 s':>6} {'max CPU s':>9} {'hang CPU s':>10} {'peak MB':>7} {'max in MB':>9}")  # fmt: skip
    for name, f in figures.items():
        f.as_dict()
        print(f"{name:<18} {f.inputs:>7} {f.uncaught:>8} {f.hangs:>5} {f.unexpected:>6} {f.died:>4} "
              f"{f.max_seconds:>6.1f} {f.p99_seconds:>6.2f} {f.max_cpu_seconds:>9.1f} {f.max_hang_cpu_seconds:>10.1f} "
              f"{f.max_peak_mb:>7.0f} {f.max_input_mb:>9.1f}")  # fmt: skip
        for finding in f.findings[:5]:
            print(f"    {finding['input']}: {finding['what']}")
    print(f"workers: {len(lives)}, resident after warm-up up to {max(x['warm_mb'] for x in lives):.0f} MB, "
          f"when retired up to {max(x['retired_mb'] for x in lives):.0f} MB (replaced after "
          f"{args.recycle or 'no'} inputs)")  # fmt: skip
    early = " (stopped early: --minutes)" if stopped_early else ""
    print(f"elapsed {time.monotonic() - started:.0f} s{early}; findings (inputs kept) in {scratch}")


if __name__ == "__main__":
    main()
