"""Times the offline analyzer on pathological caller turns: thousands of numbers, names, spellings, courtesies
or codes in one turn (what a stuck speech-to-text stream or a pasted document can send).

python bench/bench_worst_case.py

Each line is one brief of a two-turn call whose caller turn is the named pattern repeated (10,000 to 19,000
characters). The analyzer should stay roughly linear in the length of a turn: a rule that scans the whole
turn for each value shows up here as hundreds of milliseconds.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from domain.analysis import build_brief
from domain.brief import CallRecord, Utterance

AGENT = "Thanks for calling, this call may be recorded. Can I have your name and email please?"
TURNS = {
    "names": "My name is " + " ".join(["Al-Al-Al-Al-Rashid-O'Mc"] * 300) + " x",
    "particles": "My name is Jean " + "van der de la " * 200 + "x",
    "spelled ids": "it's " + "k m seven a b c " * 500 + "at gmail dot com",
    "spelled letters": "it's " + " ".join("abcdefghij") * 300,
    "courtesies": "thank you " * 400 + "x",
    "capitals": "THIS IS " * 2000,
    "number groups": "07700 " * 2000,
    "ibans": "GB33 BUKB " * 1000,
    "country codes": "+44 " * 3000,
    "spoken years": "july ninth nineteen fifty eight, " * 400,
    "spoken pence": "forty five pounds ninety nine " * 500,
    "rupees": "Rs 2,349 " * 1000,
    "corrections": "it's 4471 no sorry 4417 " * 500,
    "spoken e-mails": "maria dot gonzalez at gmail no sorry at yahoo dot com " * 300,
    "dashes": "c s dash " * 2000,
    "negations": "i'm not angry i don't want to talk to a person " * 400,
    "spoken addresses": "fourteen twenty two birchwood lane " * 400,
    "phonetic spelling": "k as in kilo, " + "w, 7, " * 2500 + "x",
    "phonetic letters": "k as in kilo, " + "w, " * 5000 + "x",
    "hesitations": "uh it's it's um " * 1000 + "x",
    "digit pairs": "forty four eighty one " * 800,
}


def main() -> None:
    print(f"{'turn':<18} {'chars':>6} {'ms':>8}")
    for name, said in TURNS.items():
        call = CallRecord(
            phone_number="+14155550142",
            turns=[Utterance(role="assistant", content=AGENT), Utterance(role="user", content=said)],
        )
        start = time.perf_counter()
        build_brief(call)
        print(f"{name:<18} {len(said):>6} {(time.perf_counter() - start) * 1000:>8.1f}")


if __name__ == "__main__":
    main()
