"""Condition names for the disease rule, from a maintained clinical code set: ICD-10-CM.

`python -m claims.engine.conditions` rebuilds conditions.txt from the tabular list shipped by the
PyPI package simple-icd-10-cm (a test dependency): each diagnosis's name and inclusion terms that
read as a condition a shopper would name (three words at most, no "other", "unspecified", "due to" or
classification wording), from the chapters about diseases and disorders (not symptoms and findings,
injuries, external causes or reasons for an encounter), less a short list of words that are ordinary English
in shop copy. The site reads only the committed conditions.txt.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from pathlib import Path

PATH = Path(__file__).with_name("conditions.txt")

# Chapters by the first letter of a code: R symptoms and findings ("weakness", "fatigue": words, not
# conditions, in shop copy), S-T injuries, V-Y external causes, Z encounters and status.
_SKIPPED_CHAPTERS = tuple("RSTVWXYZ")
_NOT_A_NAME = re.compile(
    r"\b(?:other|unspecified|and|or|of|with|without|in|on|by|due|not|elsewhere|classified|site|type|stage|status|"
    r"history|encounter|complicating|following|affecting|nos|nec|specified|region|part|use|stated|as)\b|[,\[\]:;0-9/]"
)
# Names that are everyday words in shop copy, never a condition there (reviewed by hand).
ORDINARY = frozenset({
    "felon", "culture shock", "false labor", "mouth breathing", "exhibitionism", "day blindness", "cramp",
    "fatigue", "tiredness", "malaise", "debility", "nervousness", "shock", "fever", "chill", "chills", "pain",
    "snoring", "sneezing", "cough", "headache", "hiccough", "hiccup", "bruise", "blister", "callus", "corn",
    "freckles", "mole", "wart", "insect bite", "stress", "worry", "jet lag", "stiffness", "swelling", "tension",
    "dependence", "abuse", "poisoning", "growth", "mass", "lump", "spots", "redness", "flushing",
    "boil", "blackout", "birthmark", "mania", "nose-picking", "restzustand", "hafous", "kuru", "yaws",
})
_NAME = re.compile(r"[a-z][a-z\- ]*[a-z]")


def build(xml_path: Path) -> list[str]:
    import xml.etree.ElementTree as ET

    names: set[str] = set()
    for diag in ET.parse(xml_path).getroot().iter("diag"):
        code = diag.findtext("name") or ""
        if not code or code.startswith(_SKIPPED_CHAPTERS):
            continue
        terms = [diag.findtext("desc")] + [note.text for inc in diag.findall("inclusionTerm") for note in inc.findall("note")]
        for term in terms:
            name = re.sub(r"\s*\(.*?\)", "", (term or "").strip().lower())
            name = re.sub(r"\s+(?:nos|nec)$", "", name).strip()
            if (
                4 <= len(name)
                and len(name.split()) <= 3
                and _NAME.fullmatch(name)
                and not _NOT_A_NAME.search(name)
                and name not in ORDINARY
            ):
                names.add(name)
    return sorted(names)


def source() -> tuple[Path, str]:
    """The package's tabular list and a line naming it."""
    from importlib.metadata import version
    from importlib.util import find_spec

    # The package's folder, found without importing it (importing it parses the whole code set).
    data = Path(find_spec("simple_icd_10_cm").submodule_search_locations[0]) / "data"
    xml_path = next(iter(sorted(data.glob("icd10c-tabular-*.xml"))))
    return xml_path, f"# ICD-10-CM, {xml_path.stem} (simple-icd-10-cm {version('simple-icd-10-cm')})"


@lru_cache(maxsize=1)
def names() -> tuple[str, ...]:
    """The committed condition names (lower case)."""
    lines = PATH.read_text(encoding="utf-8").splitlines()
    return tuple(line for line in lines if line and not line.startswith("#"))


def rule():
    """The disease rule built from these names: always on, shown in no editor (it is the code set)."""
    from .rules import Rule

    return Rule(id="condition-names", category="disease", phrases=names(), severity="disclaim", disclaimer="disease")


def main() -> None:
    xml_path, header = source()
    found = build(xml_path)
    PATH.write_text("\n".join([header, *found]) + "\n", encoding="utf-8")
    print(f"{len(found)} condition names written to {PATH}", file=sys.stderr)


if __name__ == "__main__":
    main()
