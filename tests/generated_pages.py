"""Career pages of every length, generated from a seed: for layout rules that must hold on any page."""

from __future__ import annotations

import random

from roleexport.model import (
    Block,
    BulletList,
    Document,
    Fact,
    Facts,
    Heading,
    Inline,
    Letter,
    LineBreak,
    Link,
    ListItem,
    Metadata,
    Paragraph,
    QuestionAnswer,
    Text,
)

WORDS = [
    "install",
    "maintain",
    "repair",
    "wiring",
    "ledger",
    "audit",
    "payroll",
    "reconcile",
    "students",
    "lesson",
    "network",
    "server",
    "ticket",
    "patients",
    "shift",
    "safety",
    "budget",
    "$1,200",
    "40",
    "hours",
    "24/7",
    "3.5",
    "%",
    "licence",
    "apprentice",
    "client",
    "report",
    "schedule",
    "inspection",
    "conduit",
    "invoice",
    "quarterly",
    "compliance",
    "OSHA",
    "NEC",
    "CPA",
    "IRS",
    "classroom",
    "curriculum",
    "deadline",
]


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, ident: str, words: int) -> Paragraph:
    inlines: list[Inline] = []
    while words > 0:
        n = min(words, rng.randint(6, 18))
        inlines.append(Text(_sentence(rng, n) + " "))
        words -= n
    if rng.random() < 0.3:
        inlines.append(Link(f"https://example.org/{ident}", (Text("more about it"),)))
    return Paragraph(ident, tuple(inlines))


def page(seed: int, sections: int | None = None) -> Document:
    """One page: an intro, 1–14 sections of paragraphs, lists and facts, sometimes a letter and FAQs."""
    rng = random.Random(seed)
    count = sections if sections is not None else rng.randint(1, 14)
    blocks: list[Block] = [Heading("title", 1, (Text(f"Role {seed}"),)), _paragraph(rng, "p-0", rng.randint(20, 70))]
    for s in range(count):
        blocks.append(Heading(f"s{s}", 2, (Text(_sentence(rng, rng.randint(1, 5))[:-1]),)))
        kind = rng.random()
        if kind < 0.2:
            facts = tuple(
                Fact(f"f{s}-{i}", (Text(rng.choice(WORDS)),), (_paragraph(rng, f"fp{s}-{i}", rng.randint(3, 25)),))
                for i in range(rng.randint(2, 6))
            )
            blocks.append(Facts(f"facts{s}", facts))
        elif kind < 0.5:
            items = tuple(
                ListItem(f"li{s}-{i}", (_paragraph(rng, f"lp{s}-{i}", rng.randint(4, 30)),))
                for i in range(rng.randint(1, 12))
            )
            blocks.append(BulletList(f"ul{s}", items))
        elif kind < 0.6 and s == count - 2:
            sign = (Text("Sincerely,"), LineBreak(), Text("Sam Doe"), LineBreak(), Text("12 Elm Street"))
            body = tuple(_paragraph(rng, f"lt{s}-{i}", rng.randint(25, 80)) for i in range(rng.randint(2, 5)))
            blocks.append(Letter(f"letter{s}", (*body, Paragraph(f"sig{s}", sign))))
        elif kind < 0.7:
            for q in range(rng.randint(1, 4)):
                question = Heading(f"q{s}-{q}", 3, (Text(_sentence(rng, rng.randint(3, 8))[:-1] + "?"),))
                answer = (_paragraph(rng, f"a{s}-{q}", rng.randint(20, 90)),)
                blocks.append(QuestionAnswer(f"qa{s}-{q}", question, answer))
        else:
            for i in range(rng.randint(1, 4)):
                blocks.append(_paragraph(rng, f"p{s}-{i}", rng.randint(15, 140)))
    meta = Metadata(title=f"Role {seed}", slug=f"role-{seed}", lang="en-US", publisher="Test Centre")
    return Document(meta, (), tuple(blocks))
