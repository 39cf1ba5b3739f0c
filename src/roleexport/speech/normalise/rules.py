"""The normaliser's rules, one per class of written form, in the order they are tried.

Each rule is a pattern built from the language's tables and a function that says a match;
a rule returns None to leave a match to the later rules. What a rule says is a ``Saying``
(written form kept, spoken form beside it, ``rule`` naming the class), so the SSML keeps the
page's text inside ``<sub alias>`` and the build can report what was said by rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from num2words import num2words

from roleexport.speech.letters import SUBSCRIPTS, letters_said, looks_spelled, shouted_spans
from roleexport.speech.normalise.tables import Tables
from roleexport.speech.normalise.tables import pair as _pair
from roleexport.speech.terms import Saying

Piece = str | Saying
Say = Callable[[re.Match[str], Tables], list[Piece] | None]

DIGIT = re.compile(r"\d")
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    say: Say
    needs: re.Pattern[str] | None = None
    """A quick test a text must pass before the pattern is tried (most rules need a digit)."""


def words_for(value: float, tables: Tables, to: str = "cardinal") -> str:
    """A number in the page language's words (num2words), digits when it has none."""
    try:
        return str(num2words(value, lang=tables.number_lang, to=to))
    except (NotImplementedError, OverflowError, ValueError, TypeError, KeyError):
        return str(value)


def number_pattern(t: Tables) -> str:
    """A written number in the language's format: "32,000.5"; "32.000,5", "1 200,50"."""
    return f"{_grouped(t)}|\\d+(?:{re.escape(t.decimal)}\\d+)?"


def _grouped(t: Tables) -> str:
    """A number with thousands separators ("32,000", "32.000", "1 200,50")."""
    group = "|".join(r"\s" if g.isspace() else re.escape(g) for g in t.group)
    return rf"(?<!\d)\d{{1,3}}(?:(?:{group})\d{{3}}(?!\d))+(?:{re.escape(t.decimal)}\d+)?"


def said_number(number: str, t: Tables, noun: str | None = None, range_start: bool = False) -> str:
    """A written number as a rule says it: digits for a language whose voice reads them (English),
    else words, in the gender of the noun that follows ("una hora", "doscientas personas"); the
    first number of a range agrees with the noun after the second ("de una a dos horas") but
    takes no form of its own before a noun ("de uno a dos kilos", "ein bis zwei Stunden")."""
    if not t.in_words:
        return number
    whole, _, decimals = _plain_number(number, t).partition(".")
    said = words_for(int(whole), t)
    if range_start:
        said = _replaced(said, t.range_start)
    if noun is not None:
        if noun.split(" ")[0].lower() in t.feminine_nouns:
            said = _replaced(said, t.feminine)
        if not range_start:
            said = _replaced(said, t.before_noun)
    if decimals:
        spoken = " ".join(words_for(int(d), t) for d in decimals) if t.decimal_digits or decimals[0] == "0" else None
        said += f" {t.word('decimal')} {spoken or words_for(int(decimals), t)}"
    return said


def _replaced(said: str, patterns: tuple[tuple[str, str], ...]) -> str:
    for pattern, replacement in patterns:
        said = re.sub(pattern, replacement, said)
    return said


def _plain_number(number: str, t: Tables) -> str:
    """ "32.000,5" → "32000.5" (the language's separators taken out)."""
    for g in t.group:
        number = re.sub(r"\s", "", number) if g.isspace() else number.replace(g, "")
    return number.replace(t.decimal, ".")


def _alternatives(keys: object) -> str:
    return "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))  # type: ignore[call-overload]


def _value(number: str, t: Tables) -> float:
    return float(_plain_number(number, t))


def _alias(written: str, said: str, rule: str, letters: bool = False) -> Saying:
    return Saying(written, said, "alias", rule=rule, letters=letters)


def _count(number: str, pair: tuple[str, str], t: Tables) -> str:
    return pair[0] if _value(number, t) == 1 else pair[1]


# ---------------------------------------------------------------------------- the rules


def _say_abbreviation(m: re.Match[str], t: Tables) -> list[Piece]:
    written = m.group(0)
    return [Saying(written, t.abbreviations[written], "alias", rule="abbreviation", final=written in t.sentence_final)]


def _say_title(m: re.Match[str], t: Tables) -> list[Piece]:
    return [_alias(m.group(0), t.titles[m.group(0)], "title")]


def _say_before_number(m: re.Match[str], t: Tables) -> list[Piece]:
    return [_alias(m.group(0), t.before_number[m.group(0)], "title")]


def _say_after_name(m: re.Match[str], t: Tables) -> list[Piece]:
    return [Saying(m.group(0), t.after_name[m.group(0)], "alias", rule="abbreviation", final=True)]


def _amount(number: str, multiplier: str | None, t: Tables, noun: str) -> str:
    if multiplier:
        return f"{said_number(number, t)} {t.multipliers[multiplier]}"
    return said_number(number, t, noun)


def _say_money(m: re.Match[str], t: Tables) -> list[Piece]:
    """ "$12.50", "$40K–$60K/yr"; where the language writes it after: "32.000 €", "1 200,50 $"."""
    symbol = m.group("cur") or m.group("cur2")
    pair = t.currencies[symbol]
    first, mult, second, mult2 = m.group("n1"), m.group("m1"), m.group("n2"), m.group("m2")
    if second is None:
        whole, _, cents = first.rpartition(t.decimal) if t.decimal in first else (first, "", "")
        if len(cents) == 2 and not mult and symbol in t.cents:
            said = f"{said_number(whole, t, pair[0])} {_count(whole, pair, t)}"
            if int(cents):
                cent_pair = t.cents[symbol]
                joint = t.words.get("cents_and", "")
                said += f" {joint} " if joint else " "
                said += f"{said_number(str(int(cents)), t, cent_pair[0])} {_count(cents, cent_pair, t)}"
        else:
            said = f"{_amount(first, mult, t, pair[0])} {_count(first, pair, t) if not mult else pair[1]}"
    else:
        mult = mult or (mult2 if mult2 and not any(g in m.group("n1") for g in t.group) else None)
        said = f"{_amount(first, mult, t, pair[0])} {t.word('to')} {_amount(second, mult2, t, pair[0])} {pair[1]}"
    if m.group("per"):
        said += f" {t.word('per')} {t.per.get(m.group('per'), m.group('per'))}"
    return [_alias(m.group(0), said, "money")]


def _clock(hours: str, minutes: str | None, t: Tables, with_meridiem: bool) -> str:
    if "hour_minute" in t.time:  # "{h} heures {m}", "{h} Uhr {m}": the language's own pattern
        nouns = _pair(t.time.get("hour_noun", ""))
        h = said_number(hours, t, nouns[0 if int(hours) == 1 else 1])
        hour_word = nouns[0] if int(hours) == 1 else nouns[1]
        if minutes is None or int(minutes) == 0:
            return t.time["on_the_hour"].format(h=h, hours=hour_word)
        return t.time["hour_minute"].format(h=h, hours=hour_word, m=said_number(str(int(minutes)), t, "minute"))
    said = words_for(int(hours), t)
    if minutes is None:
        return said
    mins = int(minutes)
    if mins == 0:
        return said if with_meridiem else f"{said} {t.time.get('oclock', '')}".strip()
    if mins < 10:
        return f"{said} {t.time.get('oh', '')} {words_for(mins, t)}".replace("  ", " ")
    return f"{said} {words_for(mins, t)}"


def _say_time(m: re.Match[str], t: Tables) -> list[Piece] | None:
    if not t.time:
        return None
    out: list[Piece] = []
    groups = m.groupdict()
    for n in ("1", "2"):
        hours = groups.get(f"h{n}")
        if hours is None:
            continue
        meridiem = groups.get(f"ap{n}")
        said = _clock(hours, groups.get(f"mm{n}"), t, bool(meridiem or groups.get("ap2")))
        if meridiem:
            said += " " + t.time["am" if meridiem.lower().startswith("a") else "pm"]
        if n == "2":
            out.append(f" {t.word('to')} ")
        out.append(_alias(m.group(f"t{n}"), said, "time", letters=bool(meridiem)))
    return out


def _say_clock(m: re.Match[str], t: Tables) -> list[Piece] | None:
    """ "7:30" alone: a time unless ratio words are near ("a 1:10 dilution")."""
    hours, minutes = m.group("h"), m.group("m")
    if m.groupdict().get("suffix"):  # "14:30 Uhr", "14.30 Uhr": a time whatever is near
        return [_alias(m.group(0), _clock(hours, minutes, t, False), "time")]
    before = m.string[: m.start()].split()[-1:]
    after = m.string[m.end() :].split()[:1]
    near = {w.strip(",.;:()").lower() for w in before + after}
    if int(hours) > 24 or int(minutes) > 59 or near & t.ratio_words:
        return _say_ratio(m, t)
    return [_alias(m.group(0), _clock(hours, minutes, t, False), "time")]


def _say_ratio(m: re.Match[str], t: Tables) -> list[Piece]:
    left, right = m.group(0).split(":")
    return [_alias(m.group(0), f"{left} {t.word('to')} {right}", "ratio")]


def _say_date(m: re.Match[str], t: Tables) -> list[Piece] | None:
    a, b, year = int(m.group("a")), int(m.group("b")), m.group("y")
    month, day = (b, a) if t.day_first else (a, b)
    if not (1 <= month <= 12 and 1 <= day <= 31) or len(t.months) != 12:
        return None
    year_said = words_for(int(year), t, "year") if len(year) == 4 else year
    if "template" in t.date:  # "{day} de {month} de {year}"; "1er" is "premier"
        day_said = t.date.get(f"day_{day}") or words_for(day, t)
        said = t.date["template"].format(day=day_said, month=t.months[month - 1], year=words_for(int(year), t))
    elif t.day_first:
        said = f"{words_for(day, t, 'ordinal')} {t.months[month - 1]} {year_said}"
    else:
        said = f"{t.months[month - 1]} {words_for(day, t, 'ordinal')}, {year_said}"
    return [_alias(m.group(0), said, "date")]


def _plural_word(words: str) -> str:
    head, _, last = words.rpartition(" ")
    last = last[:-1] + "ies" if last.endswith("y") else last + "s"
    return f"{head} {last}".strip()


def _say_decade(m: re.Match[str], t: Tables) -> list[Piece] | None:
    digits = m.group("d")
    value = int(digits)
    said = words_for(value, t, "year") if len(digits) == 4 else words_for(value, t)
    if said == digits:
        return None
    return [_alias(m.group(0), _plural_word(said), "date")]


def _unit_words(unit: str, number: str | None, t: Tables) -> str | None:
    """ "L/min" → "liters per minute"; None when a part is not in the tables."""
    head, *pers = unit.split("/")
    pair = t.units.get(head) or t.units_attached.get(head)
    if pair is None or not all(p in t.per for p in pers):
        return None
    said = _count(number, pair, t) if number is not None else pair[1]
    for p in pers:
        said += f" {t.word('per')} {t.per[p]}"
    return said


def _say_unit(m: re.Match[str], t: Tables) -> list[Piece] | None:
    number, unit = m.group("n"), m.group("u")
    if m.group("space") and unit in t.units_attached and unit.split("/")[0] not in t.units:
        return None
    said = _unit_words(unit, number, t)
    if said is None:
        return None
    return [_alias(m.group(0), f"{said_number(number, t, said)} {said}", "unit")]


def _say_bare_unit(m: re.Match[str], t: Tables) -> list[Piece] | None:
    said = _unit_words(m.group(0), None, t)
    return None if said is None else [_alias(m.group(0), said, "unit")]


def _fraction_words(numerator: int, denominator: int, whole: str | None, t: Tables) -> str:
    """ "three quarters", "one fifth", "2 and one half": the table's names, else ordinals."""
    pair = t.fractions.get(denominator)
    if pair is None:
        ordinal = words_for(denominator, t, "ordinal")
        pair = (ordinal, ordinal + "s")
    noun = pair[0] if numerator == 1 else pair[1]
    said = f"{_replaced(words_for(numerator, t), t.before_noun)} {noun}"
    return f"{said_number(whole, t)} {t.word('and')} {said}" if whole else said


def _half_before_noun(numerator: int, denominator: int, m: re.Match[str], t: Tables) -> list[Piece] | None:
    """ "1/2 hora" is "media hora", not "un medio hora": a half before a feminine noun is the
    language's own word (``half_feminine``), in the languages that have one."""
    noun = m.group("u")
    if (numerator, denominator) != (1, 2) or m.group("whole") or not noun or "half_feminine" not in t.words:
        return None
    if noun.lower() not in t.feminine_nouns:
        return None
    return [_alias(m.group(0), t.word("half_feminine"), "fraction")]


def _say_fraction(m: re.Match[str], t: Tables) -> list[Piece] | None:
    numerator, denominator = int(m.group("n")), int(m.group("d"))
    half = _half_before_noun(numerator, denominator, m, t)
    if half is not None:
        return half
    if denominator == 0 or denominator > 16 or numerator > 99:
        return [_alias(m.group(0), f"{m.group('n')} {m.group('d')}", "fraction")]
    return [_alias(m.group(0), _fraction_words(numerator, denominator, m.group("whole"), t), "fraction")]


VULGAR = {"½": (1, 2), "⅓": (1, 3), "⅔": (2, 3), "¼": (1, 4), "¾": (3, 4), "⅕": (1, 5), "⅛": (1, 8), "⅜": (3, 8)}


def _say_vulgar(m: re.Match[str], t: Tables) -> list[Piece]:
    numerator, denominator = VULGAR[m.group("f")]
    half = _half_before_noun(numerator, denominator, m, t)
    if half is not None:
        return half
    return [_alias(m.group(0), _fraction_words(numerator, denominator, m.group("whole"), t), "fraction")]


def _say_power(m: re.Match[str], t: Tables) -> list[Piece]:
    exponent = m.group("e").translate(SUBSCRIPTS)
    base = m.group("b")
    return [_alias(m.group(0), f"{base} {t.word('power')} {exponent}", "number")]


def _say_script_digits(m: re.Match[str], t: Tables) -> list[Piece]:
    """A sub- or superscript no other rule took ("²" alone): its digits, a number of their own."""
    return [_alias(m.group(0), f" {m.group(0).translate(SUBSCRIPTS)} ", "number")]


def _say_ordinal(m: re.Match[str], t: Tables) -> list[Piece] | None:
    said = words_for(int(m.group("n")), t, "ordinal")
    if t.ordinal_suffixes.get(m.group("s") or "") == "f":
        said = _replaced(said, t.feminine_ordinal)
    return None if said == m.group("n") else [_alias(m.group(0), said, "number")]


def _say_number(m: re.Match[str], t: Tables) -> list[Piece]:
    """A number with the language's separators ("32.000", "2,5") in words: voices misread them."""
    return [_alias(m.group(0), said_number(m.group(0), t), "number")]


def _say_range_start(m: re.Match[str], t: Tables) -> list[Piece]:
    """The first number of a range, in words like the second and in the gender of its noun."""
    noun = m.group("u")
    if noun is not None:
        noun = _unit_words(noun, "2", t) or noun
    return [_alias(m.group("n"), said_number(m.group("n"), t, noun, range_start=True), "number")]


def _say_range_end(m: re.Match[str], t: Tables) -> list[Piece]:
    """The last number of a range that no unit or amount took, in the gender of its noun."""
    return [_alias(m.group("n"), said_number(m.group("n"), t, m.group("u")), "number")]


def _say_roman(m: re.Match[str], t: Tables) -> list[Piece] | None:
    values = {"I": 1, "V": 5, "X": 10, "L": 50}
    numeral = m.group("r")
    total = 0
    for i, c in enumerate(numeral):
        v = values[c]
        total += -v if i + 1 < len(numeral) and values[numeral[i + 1]] > v else v
    return [m.group("w"), " ", _alias(numeral, str(total), "number")]


def _say_version(m: re.Match[str], t: Tables) -> list[Piece]:
    parts = m.group("v").split(".")
    said = f" {t.word('point')} ".join(parts)
    return [_alias(m.group(0), f"{t.word('version')} {said}" if m.group("p") else said, "number")]


def _named(said: str, t: Tables) -> str:
    """Spelled letters with the language's names for those a voice reads as words ("Y")."""
    if not t.letters:
        return said
    return " ".join(t.letters.get(part, part) for part in said.split(" "))


def _say_dotted(m: re.Match[str], t: Tables) -> list[Piece]:
    said = " ".join(c.upper() for c in m.group(0) if c.isalpha())
    return [_alias(m.group(0), _named(said, t), "letters", letters=True)]


def _say_slash(m: re.Match[str], t: Tables) -> list[Piece] | None:
    left, right = m.group("a"), m.group("b")
    if len(left) == 1 and len(right) == 1 and left.isupper() and right.isupper():
        return [_alias(m.group(0), _named(f"{left} {right}", t), "letters", letters=True)]
    said_l = _named(letters_said(left), t) if looks_spelled(left) else left
    said_r = _named(letters_said(right), t) if looks_spelled(right) else right
    # two clinical values ("PaO₂/FiO₂") are a ratio, read "over"; other pairs are alternatives
    values = all(looks_spelled(s) and any(c.isdigit() for c in s.translate(SUBSCRIPTS)) for s in (left, right))
    joint = t.word("over") if values else t.word("or")
    return [_alias(m.group(0), f"{said_l} {joint} {said_r}", "slash", letters=said_l != left or said_r != right)]


def _say_letters(m: re.Match[str], t: Tables) -> list[Piece] | None:
    token, plural = m.group(1), m.group(2)
    if not looks_spelled(token):
        if plural and looks_spelled(token + plural):
            token, plural = token + plural, ""
        else:
            return None
    for start, end in shouted_spans(m.string):
        if start <= m.start() < end:
            return None
    said = letters_said(token)
    if plural:
        said = _named(said, t)
        return [Saying(m.group(0), said + t.word("plural_s"), "alias", rule="letters", letters=True)]
    if token.isascii() and token.isalnum():
        return [Saying(token, said, "spell", rule="letters", letters=True)]
    return [_alias(token, _named(said, t), "letters", letters=True)]


def _say_url(m: re.Match[str], t: Tables) -> list[Piece]:
    address = re.sub(r"^(?:https?://)?(?:www\.)?", "", m.group(0)).rstrip("/")
    said = re.sub(r"\.", f" {t.word('dot')} ", address)
    said = re.sub(r"/", f" {t.word('slash')} ", said)
    said = re.sub(r"@", f" {t.word('at')} ", said)
    said = re.sub(r"[-_?=&#%:]", " ", said)
    return [_alias(m.group(0), " ".join(said.split()), "address")]


def rules_for(t: Tables) -> list[Rule]:
    """The rules for a language's tables, most specific first."""
    rules: list[Rule] = []

    def add(name: str, pattern: str, say: Say, digits: bool = False) -> None:
        rules.append(Rule(name, re.compile(pattern), say, DIGIT if digits else None))

    add("address", r"\bhttps?://[^\s<>\"]+[^\s<>\".,;:!?)]|\bwww\.[^\s<>\"]+[^\s<>\".,;:!?)]", _say_url)
    add("address", r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b", _say_url)
    if not t.has_words:
        add("number", rf"[₀-₉{SUPERSCRIPTS}]+", _say_script_digits)
        rules.append(
            Rule(
                "letters",
                re.compile(r"(?<![\w'’.-])([A-Za-z0-9₀-₉]*[A-Z][A-Za-z0-9₀-₉]*?)(s?)(?![\w-]|\.\w)"),
                _say_letters,
            )
        )
        return rules
    if t.abbreviations:
        add(
            "abbreviation",
            rf"(?<![\w./#+])(?:{_alternatives(t.abbreviations)})(?![A-Za-z_/+#]|\.\w)",
            _say_abbreviation,
        )
    number = number_pattern(t)
    if t.currencies:
        cur = _alternatives(t.currencies)
        mult = _alternatives(t.multipliers) if t.multipliers else "(?!)"
        per = _alternatives(t.per) if t.per else "(?!)"
        to = rf"[–—-]|{re.escape(t.word('to'))}"
        add(
            "money",
            rf"(?P<cur>{cur})\s?(?P<n1>{number})(?P<m1>{mult})?(?![\w]|:\d)"
            rf"(?:\s*(?:{to})\s*(?P<cur2>{cur})?\s?(?P<n2>{number})(?P<m2>{mult})?(?![\w]))?"
            rf"(?:\s?/\s?(?P<per>{per})\b)?",
            _say_money,
            digits=True,
        )
    if t.currencies and "currency_after" not in t.off:
        # the symbol after the amount, as most of Europe writes it ("32.000 €", "de 10 a 20 $")
        add(
            "money",
            rf"(?<![\w.,])(?P<n1>{number})(?P<m1>{mult})?(?:\s*(?:{to})\s*(?P<n2>{number})(?P<m2>{mult})?)?"
            rf"\s?(?P<cur>{cur})(?P<cur2>)(?![\w$€£¥₹])(?:\s?/\s?(?P<per>{per})\b)?",
            _say_money,
            digits=True,
        )
    if "meridiem" not in t.off:
        meridiem = r"(?:[aApP]\.?\s?[mM]\.?(?![\w]))"
        add(
            "time",
            rf"(?<![\w:.,])(?P<t1>(?P<h1>\d{{1,2}})(?::(?P<mm1>[0-5]\d))?\s?(?P<ap1>{meridiem})?)"
            rf"\s*(?:[–—-]|to)\s*(?P<t2>(?P<h2>\d{{1,2}})(?::(?P<mm2>[0-5]\d))?\s?(?P<ap2>{meridiem}))",
            _say_time,
            digits=True,
        )
        add(
            "time",
            rf"(?<![\w:.,])(?P<t1>(?P<h1>\d{{1,2}})(?::(?P<mm1>[0-5]\d))?\s?(?P<ap1>{meridiem}))",
            _say_time,
            digits=True,
        )
    if t.months:
        add("date", r"(?<![\w/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\w/])", _say_date, digits=True)
    if t.time_suffixes:  # "14:30 Uhr", "14.30 Uhr", "9 Uhr": a time by its suffix
        suffix = _alternatives(t.time_suffixes)
        add(
            "clock",
            rf"(?<![\d:.,])(?P<h>[01]?\d|2[0-4])(?:[:.](?P<m>[0-5]\d))?\s?(?P<suffix>{suffix})(?!\w)",
            _say_clock,
            digits=True,
        )
    if t.time_separators:  # "14h30", "9 h 30"
        separator = "|".join(re.escape(s.strip()).join([r"\s?", r"\s?"]) for s in t.time_separators)
        add(
            "clock",
            rf"(?<![\d:.,])(?P<h>[01]?\d|2[0-4])(?:{separator})(?P<m>[0-5]\d)(?![\d:])",
            _say_clock,
            digits=True,
        )
    add("clock", r"(?<![\d:.])(?P<h>\d{1,2}):(?P<m>\d{2})(?![\d:])", _say_clock, digits=True)
    add("ratio", r"(?<![\d:.])\d+:\d+(?![\d:])", _say_ratio, digits=True)
    if "decade" not in t.off:
        add("date", r"(?<![\w'’])['’]?(?P<d>(?:1[0-9]|20)?\d0)['’]?s\b", _say_decade, digits=True)
    if t.in_words:  # the first number of a range in words like the second ("de diez a veinte km")
        to = re.escape(t.word("to"))
        add(
            "number",
            rf"(?<![\w.,:])(?P<n>\d+)(?= {to} [\d.,]+\s?(?P<u>[^\W\d][\w/²³]*)?)",
            _say_range_start,
            digits=True,
        )
    units = {**t.units, **t.units_attached}
    if units:
        per = _alternatives(t.per) if t.per else "(?!)"
        add(
            "unit",
            rf"(?<![\w.,])(?P<n>{number})(?P<space>\s?)(?P<u>(?:{_alternatives(units)})(?:/(?:{per}))*)(?![\w/²³])",
            _say_unit,
            digits=True,
        )
        compound = rf"(?<![\w/])(?:{_alternatives(units)})(?:/(?:{per}))+(?![\w/])"
        add("unit", compound, _say_bare_unit)
        if t.units_bare:
            add("unit", rf"(?<![\w/])(?:{_alternatives(t.units_bare)})(?![\w/])", _say_bare_unit)
    if t.in_words:  # "de 200 a 300 personas": the range's end too
        to = re.escape(t.word("to"))
        add("number", rf"(?<= {to} )(?P<n>\d+)(?![\w.,:/]|[.,]\d)(?=\s?(?P<u>[^\W\d]+)?)", _say_range_end, digits=True)
    noun = r"(?=\s(?P<u>[^\W\d]+)|)"  # the word after, looked at only (a half agrees with it)
    add(
        "fraction", rf"(?<![\w/.])(?:(?P<whole>\d+)\s)?(?P<n>\d+)/(?P<d>\d+)(?![\w/]){noun}", _say_fraction, digits=True
    )
    add("fraction", rf"(?:(?P<whole>\d+)\s?)?(?P<f>[{''.join(VULGAR)}]){noun}", _say_vulgar)
    add("number", rf"(?P<b>\d+)(?P<e>[{SUPERSCRIPTS}]+)", _say_power, digits=True)
    if t.ordinal_suffixes:
        ordinal = _alternatives(t.ordinal_suffixes)
        add("number", rf"(?<![\w.])(?P<n>\d+)(?P<s>{ordinal})(?![\w])", _say_ordinal, digits=True)
    add("number", r"(?<![\w.])(?P<p>[vV])(?P<v>\d+(?:\.\d+)+)(?![\w.]|\.\d)", _say_version, digits=True)
    if t.in_words:
        # thousands separated or a decimal: a plain integer is left to the voice
        decimal = rf"\d+{re.escape(t.decimal)}\d+"
        add("number", rf"(?<![\w.,])(?:{_grouped(t)}|{decimal})(?![\w.,]\d|\w)", _say_number, digits=True)
    if t.titles:
        add("abbreviation", rf"(?<![\w.])(?:{_alternatives(t.titles)})(?=\s+[A-ZÀ-Þ])", _say_title)
    if t.before_number:
        add(
            "abbreviation", rf"(?<![\w.])(?:{_alternatives(t.before_number)})(?=\s?\d)", _say_before_number, digits=True
        )
    if t.after_name:
        add("abbreviation", rf"(?<=[A-Za-z] )(?:{_alternatives(t.after_name)})(?!\w)(?!\s+[A-ZÀ-Þ])", _say_after_name)
    if t.roman_after:
        add("number", rf"(?P<w>\b(?:{_alternatives(t.roman_after)}))\s(?P<r>[IVX]{{1,5}})(?![\w])", _say_roman)
    add("number", rf"[₀-₉{SUPERSCRIPTS}]+", _say_script_digits)
    add("letters", r"(?<![\w.])(?:[A-Za-z]\.){2,}(?!\w)", _say_dotted)
    add("slash", r"(?<![\w/])(?P<a>[A-Za-z][\w₀-₉-]*)/(?P<b>[A-Za-z][\w₀-₉-]*)(?![\w/])", _say_slash)
    add("letters", r"(?<![\w'’.-])([A-Za-z0-9₀-₉]*[A-Z][A-Za-z0-9₀-₉]*?)(s?)(?![\w-]|\.\w)", _say_letters)
    return rules
