"""Each source document (demo/data/seeds/) against what the app prints back from the demo.

    make demo
    DEBUG=1 GOLDEN_THREAD_TODAY=2009-11-20 .venv/bin/python -m bench.seed_compare

For every seed, the app's own document for it (the minutes PDF of the meeting, the
highlight report PDF, the pack of the meeting the Cheshire report went to) is fetched as a
secretariat member of that agreement would, and each sentence of the seed is looked for in
its text: found as written, found with small changes (most of its words, in order), or
missing. Missing sentences must be listed, with the reason, in docs/seeds.md
(tests/demo/test_seeds_reproduced.py holds it both ways: nothing missing unlisted, nothing
listed that is now reproduced).
"""

from __future__ import annotations

import io
import itertools
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "demo" / "data" / "seeds"
DOCS = ROOT / "docs" / "seeds.md"

# A sentence counts as reproduced with small changes when this share of its word pairs
# appear, in the same order, in the app's document.
CLOSE_ENOUGH = 0.8
SHORTEST = 3  # words: headings such as "Amber" are compared, single words are not


@dataclass(frozen=True)
class Seed:
    file: str
    title: str
    agreement: str  # slug
    path: Callable[[], str]  # the app's document for it, as a URL path


@dataclass
class Comparison:
    seed: Seed
    exact: list[str] = field(default_factory=list)
    close: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.exact) + len(self.close) + len(self.missing)


def normal(text: str) -> str:
    text = text.replace("**", "").replace("\u00a0", " ")
    for fancy, plain in (("‘’`", "'"), ("“”", '"'), ("–—−", "-"), ("…", "...")):
        for character in fancy:
            text = text.replace(character, plain)
    text = re.sub(r"\s+", " ", text.lower())
    return re.sub(r"\s+([.,;:)])", r"\1", text).strip()


def sentences(text: str) -> list[str]:
    """The seed's sentences, one per line part, bullets and numbering off."""
    found = []
    text = re.sub(r"<[^>]+>", "\n", text)  # the seeds' own markup (lists in a table cell)
    parts = (part for line in text.splitlines() for part in re.split(r"\t+|•", line))
    for part in parts:
        part = re.sub(r"^\s*(?:[-•*]|\d+[.)]|[ivx]+[.)])\s+", "", part.replace("**", "")).strip()
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z(‘'\"“])", part):
            sentence = sentence.strip()
            if len(sentence.split()) >= SHORTEST:
                found.append(sentence)
    return found


def _pairs(words: list[str]) -> list[tuple[str, str]]:
    return list(itertools.pairwise(words))


def compare(seed: Seed, seed_text: str, document_text: str) -> Comparison:
    result = Comparison(seed)
    document = normal(document_text)
    document_pairs = set(_pairs(re.findall(r"[\w'£%]+", document)))
    for sentence in sentences(seed_text):
        wanted = normal(sentence).rstrip(".")
        if wanted in document:
            result.exact.append(sentence)
            continue
        pairs = _pairs(re.findall(r"[\w'£%]+", wanted))
        share = sum(pair in document_pairs for pair in pairs) / len(pairs) if pairs else 0
        (result.close if share >= CLOSE_ENOUGH else result.missing).append(sentence)
    return result


def pdf_text(content: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _minutes(agreement: str, on: str, query: str = "") -> Callable[[], str]:
    def path() -> str:
        from meetings.models import Meeting

        meeting = Meeting.objects.get(partnership__agreement__slug=agreement, date=on)
        return f"/meetings/{meeting.pk}/minutes.pdf{query}"

    return path


def _pack(agreement: str, on: str) -> Callable[[], str]:
    def path() -> str:
        from meetings.models import Meeting

        meeting = Meeting.objects.get(partnership__agreement__slug=agreement, date=on)
        return f"/meetings/{meeting.pk}/pack.pdf"

    return path


SEED_DOCUMENTS: list[Seed] = [
    Seed(
        "essex-pmg-2009-03-27.txt",
        "Essex LAA Performance Management Group minutes, 27 March 2009",
        "essex-laa-2008-11",
        _minutes("essex-laa-2008-11", "2009-03-27", "?annex=forward-plan"),
    ),
    Seed(
        "herefordshire-pmg-2009-05-06.txt",
        "Herefordshire Partnership Management Group minutes, 6 May 2009",
        "herefordshire-laa-2008-11",
        _minutes("herefordshire-laa-2008-11", "2009-05-06"),
    ),
    Seed(
        "safer-essex-2008-10-02.txt",
        "Safer Essex minutes, 2 October 2008",
        "essex-laa-2008-11",
        _minutes("essex-laa-2008-11", "2008-10-02"),
    ),
    Seed(
        "cheshire-progress-report-2006.txt",
        "Cheshire LAA progress report and next steps, 2006 (the pack of the meeting it went to)",
        "cheshire-laa-round-3",
        _pack("cheshire-laa-round-3", "2006-12-04"),
    ),
    Seed(
        "leicestershire-highlight-2006.txt",
        "GOEM highlight report on the Leicestershire LAA, April to September 2006",
        "leicestershire-laa-2006-09",
        lambda: "/indicators/highlight/?period=2006/07+Q2&format=pdf",
    ),
]


def document_for(seed: Seed, fetch: Callable[[str, str], bytes]) -> str:
    content = fetch(seed.agreement, seed.path())
    return pdf_text(content) if content.startswith(b"%PDF") else content.decode()


def secretariat_fetch() -> Callable[[str, str], bytes]:
    """Fetches a path as a secretariat member of the agreement (made for the purpose and
    removed again by the caller's rolled-back transaction)."""
    from django.test import Client

    from partnerships.models import Agreement, Membership, Partnership, Person, User

    clients: dict[str, Client] = {}

    def fetch(agreement_slug: str, path: str) -> bytes:
        if agreement_slug not in clients:
            agreement = Agreement.objects.get(slug=agreement_slug)
            user = User.objects.create_user(f"seed-compare@{agreement_slug}.test", None)
            person = Person.objects.create(agreement=agreement, name="Seed comparison", user=user)
            top = Partnership.objects.filter(agreement=agreement, reports_to__isnull=True).first()
            Membership.objects.create(
                person=person, partnership=top, role=Membership.Role.SECRETARIAT
            )
            client = Client(HTTP_HOST="localhost")
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
            clients[agreement_slug] = client
        response = clients[agreement_slug].get(path)
        assert response.status_code == 200, (path, response.status_code)
        return response.content

    return fetch


def compare_all() -> list[Comparison]:
    from django.db import transaction

    results = []
    with transaction.atomic():
        fetch = secretariat_fetch()
        for seed in SEED_DOCUMENTS:
            seed_text = (SEEDS / seed.file).read_text()
            results.append(compare(seed, seed_text, document_for(seed, fetch)))
        transaction.set_rollback(True)
    return results


def report(results: list[Comparison]) -> str:
    lines = ["# Seeds against what the app prints back", ""]
    for result in results:
        lines += [
            f"## {result.seed.title} ({result.seed.file})",
            "",
            f"{result.total} sentences: {len(result.exact)} as written, "
            f"{len(result.close)} with small changes, {len(result.missing)} missing.",
            "",
        ]
        lines += [f'- "{sentence}"' for sentence in result.missing]
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    import django

    sys.path.insert(0, str(ROOT))
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    print(report(compare_all()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
