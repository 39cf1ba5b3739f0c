"""The speech plan: the one spoken form of a page that SSML, narration and audio all render.

``plan.build_plan`` turns the content tree into units (heading announcements, paragraphs,
list items, facts, cues), each a few sentences of segments and tagged with the id of the
block it comes from; ``terms`` says how an abbreviation is said; ``normalise`` makes written
forms speakable in the page's language (units, money, times, symbols, by tables per
language); ``letters`` spells what no lexicon knows. Because every spoken format is a
rendering of the same plan, they cannot disagree.
"""
