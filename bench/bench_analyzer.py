"""Times the offline analyzer per brief (p50/p95) on synthetic call-center transcripts of 20, 60 and 200 turns.

python bench/bench_analyzer.py [--runs N] [--rounds R]

It times the analyzer this process imports: the compiled build when it is current (`make analyzer`), else
the sources; AGENT_ASSIST_COMPILED_ANALYZER=0 times the sources.

Each size is measured in R rounds of N briefs; the table shows the round with the lowest p50 (other programs
on a shared machine only ever add time, as with `timeit`'s minimum) and the spread of p50 over all rounds.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from domain.analysis import COMPILED, build_brief
from domain.brief import CallRecord, Utterance

AGENT_LINES = (
    "Thanks for calling Northwind support, this call may be recorded for quality purposes. How can I help?",
    "I can help with that. Could I have the account number on file, please?",
    "Thank you. And can you confirm the email address on the account?",
    "Thanks, I've verified your account. Let me pull up your recent orders.",
    "I see an order from March 3rd for $129.99 that shipped to the address on file.",
    "I'm sorry about that. I'll make sure a replacement ships today and you'll receive an email confirmation.",
    "I understand. Let me check what options we have for a refund on that charge.",
    "I'm sorry, I didn't catch that. Could you repeat the order number?",
    "Our records show the payment was processed on the 14th of this month.",
    "I can transfer you to a billing specialist who can look into the dispute.",
)
CALLER_LINES = (
    "Hi, I'm calling about a charge on my card that I don't recognise.",
    "Sure, my account number is 4481 2290 and my name is Dana Whitfield.",
    "It's dana dot whitfield at example dot com.",
    "The order number is ORD-558213, it was supposed to arrive last Tuesday.",
    "I already told you the order number, why do I have to repeat everything?",
    "You can reach me at (415) 555-0142 if we get cut off.",
    "I was charged twice, $129.99 each time, and I want the duplicate refunded.",
    "This is ridiculous, I've called three times about this same problem.",
    "Can I just talk to a real person please?",
    "Okay, thanks. Can you ship it to 1200 Market Street, San Francisco, CA 94103 instead?",
    "I need it before Friday next week, around 5:30 in the evening works for delivery.",
    "Fine. If this isn't fixed I'm going to cancel my account.",
)


def transcript(turns: int, rng: random.Random) -> CallRecord:
    utterances = [
        Utterance(
            role="assistant" if i % 2 == 0 else "user",
            content=rng.choice(AGENT_LINES if i % 2 == 0 else CALLER_LINES),
        )
        for i in range(turns)
    ]
    return CallRecord(phone_number="+14155550142", turns=utterances, duration_seconds=turns * 9)


def measure(turns: int, runs: int) -> tuple[float, float]:
    rng = random.Random(turns)
    calls = [transcript(turns, rng) for _ in range(20)]
    for call in calls:  # warm up regex caches and the allocator
        build_brief(call)
    times: list[float] = []
    for i in range(runs):
        call = calls[i % len(calls)]
        start = time.perf_counter()
        build_brief(call)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--runs", type=int, default=400, help="briefs per round (a quarter of it for 200 turns)"
    )
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(
        "analyzer: compiled (mypyc build of domain/analysis)"
        if COMPILED
        else "analyzer: interpreted (no current build: `make analyzer`, or AGENT_ASSIST_COMPILED_ANALYZER=0)"
    )
    print(f"{'turns':>5}  {'p50 ms':>8}  {'p95 ms':>8}  {'p50 over rounds':>17}")
    for turns in (20, 60, 200):
        runs = args.runs if turns < 200 else max(args.runs // 4, 20)
        rounds = [measure(turns, runs) for _ in range(max(args.rounds, 1))]
        p50, p95 = min(rounds)
        spread = f"{min(r[0] for r in rounds):.3f}-{max(r[0] for r in rounds):.3f}"
        print(f"{turns:>5}  {p50:>8.3f}  {p95:>8.3f}  {spread:>17}")


if __name__ == "__main__":
    main()
