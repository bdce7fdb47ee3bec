"""Fuzz every reader through `forewarn.ingest.ingest` into a real SQLite store, each input in a worker process
with a hang timeout and its own peak-RSS measurement.

    .venv/bin/python bench/fuzz.py                          # 10,000 inputs per reader (the docs/hardening.md run)
    .venv/bin/python bench/fuzz.py --per-reader 200         # a quick run
    .venv/bin/python bench/fuzz.py --readers feed,csv --seed 7 --out fuzz.json
    .venv/bin/python bench/fuzz.py --minutes 120 --out fuzz.json  # as many rounds as fit in two hours

Inputs are drawn in rounds of --chunk per reader (round k from seed + k), so every reader advances together
and a run cut short by --minutes still has comparable counts for all of them (the table says how many ran).
One worker process serves every reader; it is replaced after a hang or a crash.

Inputs are mutated seed files (tests/fuzzing.py: byte flips, truncation, NULs, huge fields, deep nesting,
re-encoding, BOMs, entity and character-reference tricks, JSON number/escape tricks, splices), drawn by
Hypothesis from a fixed seed, at most 8 MB each (the size cap; max_fetch_bytes is 20 MB). For each input:
  uncaught    an exception escaped ingest() (the issue's 553 of 17,600 before the fix): must be 0;
  hang        the worker took longer than --hang seconds (10): killed and restarted; must be 0;
  unexpected  an exception the isolation caught and quarantined as "unexpected error" (a defect, not the
              input's fault: nothing is lost, but each is worth a look);
  peak MB     the worker's peak resident memory while reading that input (VmHWM, reset before each input).
Each worker warms up first (dateparser and the language identifier load their data on first use).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import select
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from tests.fuzzing import READERS, inputs  # noqa: E402

RECYCLE_STORE_EVERY = 200  # inputs: a fresh database now and then, so the file stays small


def worker() -> None:
    """Read `name path` lines; ingest each file; answer one JSON line per input."""
    from tests.fuzzing import ingest_one, unexpected, warm_up

    from forewarn.settings import Settings
    from forewarn.store import Store

    config = Settings()
    workdir = Path(tempfile.mkdtemp(prefix="fuzz-worker-"))
    store = Store(f"sqlite:///{workdir}/fuzz.db")
    warm_up(workdir, store, config)
    print(json.dumps({"ready": True}), flush=True)
    for done, line in enumerate(sys.stdin):
        name, path = line.rstrip("\n").split(" ", 1)
        if done and done % RECYCLE_STORE_EVERY == 0:
            store.close()
            Path(workdir, "fuzz.db").unlink(missing_ok=True)
            store = Store(f"sqlite:///{workdir}/fuzz.db")
        reset_peak()
        started, cpu, error, defects = time.monotonic(), time.process_time(), "", []
        before = len(unexpected(store))
        try:
            ingest_one(name, Path(path).read_bytes(), workdir, store, config)
            defects = unexpected(store)[before:]
        except BaseException as exc:  # noqa: BLE001  (what the fuzzer is looking for)
            error = f"{type(exc).__name__}: {exc}"[:500]
        print(json.dumps({"seconds": time.monotonic() - started, "cpu_seconds": time.process_time() - cpu,
                          "peak_mb": peak_mb(), "error": error, "unexpected": defects[:3]}), flush=True)  # fmt: skip


def reset_peak() -> None:
    with contextlib.suppress(OSError):  # without it the figure is the process's peak so far: an upper bound
        Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS (Linux)


def peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Worker:
    def __init__(self) -> None:
        self.hang_cpu = 0.0
        self.process = subprocess.Popen([sys.executable, __file__, "--worker"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True, cwd=REPO)  # fmt: skip
        assert self.process.stdout is not None
        json.loads(self.process.stdout.readline())  # ready

    def run(self, name: str, path: Path, timeout: float) -> dict[str, object] | None:
        """The worker's answer, or None after `timeout` seconds (the worker is then killed; `hang_cpu` says how
        much CPU it had used on the input by then: on a loaded machine a hang in wall time may be little work)."""
        assert self.process.stdin and self.process.stdout
        cpu_before = self.cpu()
        try:
            self.process.stdin.write(f"{name} {path}\n")
            self.process.stdin.flush()
        except BrokenPipeError:
            return self.died()
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        if not ready:
            self.hang_cpu = self.cpu() - cpu_before
            self.process.kill()
            self.process.wait()
            return None
        line = self.process.stdout.readline()
        if not line:  # the worker died on this input (a crash in C code would show here)
            return self.died()
        answer: dict[str, object] = json.loads(line)
        return answer

    def cpu(self) -> float:
        """The worker's user + system CPU seconds so far (Linux /proc)."""
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def died(self) -> dict[str, object]:
        code = self.process.wait()
        return {"seconds": 0.0, "peak_mb": 0.0, "error": f"worker died (exit code {code})", "unexpected": [],
                "died": True}  # fmt: skip

    def close(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin
            self.process.stdin.close()
            self.process.wait(timeout=30)


def new_figures() -> dict[str, object]:
    return {"inputs": 0, "uncaught": 0, "hangs": 0, "unexpected": 0, "max_seconds": 0.0, "max_cpu_seconds": 0.0,
            "max_hang_cpu_seconds": 0.0, "max_peak_mb": 0.0, "max_input_mb": 0.0, "p99_seconds": 0.0,
            "examples": []}  # fmt: skip


def fuzz_chunk(name: str, count: int, hang: float, chunk_seed: int, scratch: Path, state: dict[str, Worker],
               figures: dict[str, object], durations: list[float]) -> None:  # fmt: skip
    """`count` inputs for reader `name`, drawn by Hypothesis from `chunk_seed`, added to `figures`."""
    path = scratch / "input.bin"

    @seed(chunk_seed)
    @settings(max_examples=count, database=None, deadline=None, phases=(Phase.generate,),
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(data=inputs(name))
    def one(data: bytes) -> None:
        path.write_bytes(data)
        figures["inputs"] = int(figures["inputs"]) + 1  # type: ignore[call-overload]
        figures["max_input_mb"] = max(float(figures["max_input_mb"]), len(data) / 1e6)  # type: ignore[arg-type]
        answer = state["worker"].run(name, path, hang)
        if answer is None:
            figures["hangs"] = int(figures["hangs"]) + 1  # type: ignore[call-overload]
            used = state["worker"].hang_cpu
            figures["max_hang_cpu_seconds"] = max(float(figures["max_hang_cpu_seconds"]), used)  # type: ignore[arg-type]
            _keep(figures, scratch, name, data, f"hang over {hang:g} s wall, {used:.1f} CPU s by then")
            state["worker"] = Worker()
            return
        durations.append(float(answer["seconds"]))  # type: ignore[arg-type]
        figures["max_seconds"] = max(float(figures["max_seconds"]), float(answer["seconds"]))  # type: ignore[arg-type]
        figures["max_cpu_seconds"] = max(float(figures["max_cpu_seconds"]), float(answer["cpu_seconds"]))  # type: ignore[arg-type]
        figures["max_peak_mb"] = max(float(figures["max_peak_mb"]), float(answer["peak_mb"]))  # type: ignore[arg-type]
        if answer["error"]:
            figures["uncaught"] = int(figures["uncaught"]) + 1  # type: ignore[call-overload]
            _keep(figures, scratch, name, data, str(answer["error"]))
        if answer.get("died"):
            state["worker"] = Worker()
        if answer["unexpected"]:
            figures["unexpected"] = int(figures["unexpected"]) + 1  # type: ignore[call-overload]
            _keep(figures, scratch, name, data, "; ".join(map(str, answer["unexpected"])))  # type: ignore[call-overload]

    one()
    durations.sort()
    figures["p99_seconds"] = durations[int(len(durations) * 0.99)] if durations else 0.0


def _keep(figures: dict[str, object], scratch: Path, name: str, data: bytes, what: str) -> None:
    """Save a finding's input for a reproducer (the first 20 per reader)."""
    examples = figures["examples"]
    assert isinstance(examples, list)
    if len(examples) < 20:
        kept = scratch / f"{name}-{len(examples)}.bin"
        kept.write_bytes(data)
        examples.append({"what": what[:300], "input": str(kept)})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--per-reader", type=int, default=10_000)
    parser.add_argument("--readers", default=",".join(READERS), help="comma-separated (default: all)")
    parser.add_argument("--hang", type=float, default=10.0, help="seconds before an input counts as a hang")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--chunk", type=int, default=250, help="inputs per reader per round (round k: seed + k)")
    parser.add_argument("--minutes", type=float, default=None, help="start no new chunk after this many minutes")
    parser.add_argument("--out", type=Path, default=None, help="write the figures as JSON here (after each chunk)")
    args = parser.parse_args()
    if args.worker:
        worker()
        return
    names = args.readers.split(",")
    scratch = Path(tempfile.mkdtemp(prefix="forewarn-fuzz-"))
    figures = {name: new_figures() for name in names}
    durations: dict[str, list[float]] = {name: [] for name in names}
    results: dict[str, object] = {"per_reader": args.per_reader, "seed": args.seed, "chunk": args.chunk,
                                  "hang_s": args.hang, "findings_dir": str(scratch), "readers": figures,
                                  "stopped_early": False}  # fmt: skip
    started = time.monotonic()
    stop_at = started + args.minutes * 60 if args.minutes else float("inf")
    state = {"worker": Worker()}
    try:
        for first in range(0, args.per_reader, args.chunk):  # rounds: every reader advances together
            for name in names:
                if time.monotonic() >= stop_at:
                    results["stopped_early"] = True
                    break
                count = min(args.chunk, args.per_reader - first)
                fuzz_chunk(name, count, args.hang, args.seed + first // args.chunk, scratch, state, figures[name],
                           durations[name])  # fmt: skip
                results["elapsed_s"] = round(time.monotonic() - started)
                if args.out:
                    args.out.write_text(json.dumps(results, indent=2))
                f = figures[name]
                print(f"[{results['elapsed_s']} s] {name}: {f['inputs']} inputs, {f['uncaught']} uncaught, "
                      f"{f['hangs']} hangs, {f['unexpected']} unexpected", file=sys.stderr, flush=True)  # fmt: skip
            if results["stopped_early"]:
                break
    finally:
        state["worker"].close()
    print(f"{'reader':<18} {'inputs':>7} {'uncaught':>8} {'hangs':>5} {'unexp.':>6} {'max s':>6} {'p99 s':>6} "
          f"{'max CPU s':>9} {'hang CPU s':>10} {'peak MB':>7} {'max in MB':>9}")  # fmt: skip
    for name, f in figures.items():
        print(f"{name:<18} {f['inputs']:>7} {f['uncaught']:>8} {f['hangs']:>5} {f['unexpected']:>6} "
              f"{f['max_seconds']:>6.1f} {f['p99_seconds']:>6.2f} {f['max_cpu_seconds']:>9.1f} "
              f"{f['max_hang_cpu_seconds']:>10.1f} {f['max_peak_mb']:>7.0f} {f['max_input_mb']:>9.1f}")  # fmt: skip
    results["elapsed_s"] = round(time.monotonic() - started)
    if args.out:
        args.out.write_text(json.dumps(results, indent=2))
    early = " (stopped early: --minutes)" if results["stopped_early"] else ""
    print(f"elapsed {results['elapsed_s']} s{early}; findings (inputs kept) in {scratch}")


if __name__ == "__main__":
    main()
