"""Where each of a page's terms came from, for ``roleexport tree --terms``.

A term's expansion comes from one of three layers (roleexport's default glossary, the
``glossary.yaml`` beside the page, the page's own ``abbreviations``) and its pronunciation
from the default or the folder's ``lexicon.pls``; when a page reads a term unexpectedly, this
says which layer to edit.
"""

from __future__ import annotations

from pathlib import Path

from roleexport import frontmatter
from roleexport.glossary import load_glossary
from roleexport.reader import decode, read_text_terms
from roleexport.speech.terms import saying


def describe_terms(path: Path) -> str:
    """One line per term the page uses, then the all-capitals words nothing expands."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        from roleexport.errors import SourceError

        raise SourceError(f"cannot read: {exc.strerror or exc}", path=path) from exc
    text = decode(data, path)
    page_abbreviations = frontmatter.split(text, path)[1]
    glossary = load_glossary(path.parent)
    doc, unexpanded = read_text_terms(text, path, glossary)
    glossary = glossary.for_language(doc.meta.lang)
    lines: list[str] = []
    for term in doc.terms:
        expansion_from, said_from = glossary.origins(term, page_abbreviations)
        expansion = f"{term.expansion!r} from {expansion_from}" if term.expansion else "no expansion"
        said = saying(term.written, term)
        how = {"spell": "spelled", "alias": "said", "plain": "said as written"}[said.how]
        spoken = f"{how} {said.said!r}" if said.how != "plain" else how
        lines.append(f"{term.written}: {expansion}; {spoken} ({said_from})")
    lines.extend(
        f"{word}: no expansion in any layer, no lexicon entry (not marked as an abbreviation)"
        for word in unexpanded
        if word not in {t.written for t in doc.terms}
    )
    return "\n".join(lines) if lines else "no abbreviations"
