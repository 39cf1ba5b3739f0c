"""Hypothesis strategies: random markdown text and random content trees from the model."""

from __future__ import annotations

from hypothesis import strategies as st

from roleexport.model import (
    Abbr,
    BulletList,
    Document,
    Emph,
    Fact,
    Facts,
    Heading,
    Image,
    Inline,
    Lang,
    Letter,
    Link,
    ListItem,
    Metadata,
    OrderedList,
    Paragraph,
    QuestionAnswer,
    Strong,
    Term,
    Text,
)

# Letters of several scripts, XML/markup-significant characters, spaces; no control characters.
ALPHABET = st.characters(
    categories=("L", "N", "P", "S", "Zs", "Mn"),
    exclude_characters="\u2028\u2029\x85",
)
words = st.text(ALPHABET, min_size=1, max_size=12).filter(lambda w: w.strip() == w and w != "")
sentences = st.lists(words, min_size=1, max_size=12).map(" ".join)

MARKDOWN_PIECES = st.sampled_from(
    [
        "# ",
        "## ",
        "### ",
        "#### ",
        "- ",
        "1. ",
        "> ",
        "\n",
        "\n\n",
        "*",
        "**",
        "`",
        "[",
        "]",
        "(",
        ")",
        "::: letter\n",
        ":::\n",
        ": ",
        "<b>",
        "</b>",
        "<script>",
        "&amp;",
        "---\n",
        "?",
        "{lang=fr}",
        "|",
        "\\",
        "javascript:",
        "https://x.org",
        "CCP",
        "   ",
        "\t",
    ]
)
markdown_text = st.lists(st.one_of(MARKDOWN_PIECES, sentences), max_size=40).map("".join)

TERMS = (Term("CCP", "Certified Clinical Perfusionist"), Term("ECMO", "extracorporeal membrane oxygenation"))


@st.composite
def inlines(draw: st.DrawFn) -> tuple[Inline, ...]:
    parts: list[Inline] = [Text(draw(sentences))]
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["text", "emph", "strong", "abbr", "link", "lang", "image"]))
        inner = (Text(draw(sentences)),)
        parts.append(Text(" "))
        match kind:
            case "text":
                parts.append(Text(draw(sentences)))
            case "emph":
                parts.append(Emph(inner))
            case "strong":
                parts.append(Strong(inner))
            case "abbr":
                term = draw(st.sampled_from(TERMS))
                parts.append(Abbr(term.written, term.written, term.expansion))
            case "link":
                parts.append(Link("https://example.org/" + draw(st.text("abc/-_", max_size=20)), inner))
            case "lang":
                parts.append(Lang(draw(st.sampled_from(["fr", "de", "ar", "zh-Hans"])), inner))
            case "image":
                parts.append(Image("chart.png", draw(st.one_of(st.just(""), sentences))))
    return tuple(parts)


@st.composite
def documents(draw: st.DrawFn) -> Document:
    """A well-formed tree: one H1, levels that never skip, unique ids."""
    counter = iter(range(1, 10_000))

    def nid(kind: str) -> str:
        return f"{kind}-{next(counter)}"

    def paragraph() -> Paragraph:
        return Paragraph(nid("p"), draw(inlines()))

    title = draw(sentences)
    blocks: list = [Heading("h-title", 1, (Text(title),))]
    level = 1
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["heading", "para", "list", "olist", "facts", "qa", "letter"]))
        if kind == "heading":
            level = draw(st.integers(2, min(level + 1, 3)))
            blocks.append(Heading(nid("h"), level, draw(inlines())))
        elif kind == "para":
            blocks.append(paragraph())
        elif kind in ("list", "olist"):
            items = tuple(ListItem(nid("li"), (paragraph(),)) for _ in range(draw(st.integers(1, 4))))
            blocks.append(BulletList(nid("ul"), items) if kind == "list" else OrderedList(nid("ol"), 1, items))
        elif kind == "facts":
            facts = tuple(Fact(nid("fact"), draw(inlines()), (paragraph(),)) for _ in range(draw(st.integers(1, 3))))
            blocks.append(Facts(nid("facts"), facts))
        elif kind == "qa":
            question = Heading(nid("h"), min(level + 1, 3), (Text(draw(sentences) + "?"),))
            blocks.append(QuestionAnswer(nid("qa"), question, (paragraph(),)))
        else:
            blocks.append(Letter(nid("letter"), (paragraph(), paragraph())))
    meta = Metadata(title=title, slug="random", lang=draw(st.sampled_from(["en", "en-US", "fr"])))
    return Document(meta, TERMS, tuple(blocks))
