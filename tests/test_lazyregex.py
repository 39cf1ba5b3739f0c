"""ReportLab's web-address pattern is compiled on first use, not at import (40-60 ms of a
one-page PDF), and matches what ReportLab's own compiled pattern matches."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import json, re, sys
import roleexport.exporters.pdf.layout  # the way every PDF is laid out
from roleexport.exporters.pdf import lazyregex
import reportlab.platypus.paragraph as paragraph

lazy = paragraph.uri_pat
report = {"lazy": isinstance(lazy, lazyregex.OnFirstUse), "hook_left": any(
    isinstance(f, type(lazyregex._FINDER)) for f in sys.meta_path)}
real = re.compile(lazy._pattern, lazy._flags)
samples = ["https://www.bls.gov/ooh/", "HTTP://Example.COM:8080/a?b#c", "mailto:someone@example.edu",
           "ftp://user@192.168.0.1/file", "https://xn--bcher-kva.example/", "careers.example.edu", "not an address",
           "https://bücher.example/straße", "https://-bad-.example/"]
report["same"] = [bool(lazy.match(s)) == bool(real.match(s)) for s in samples]
report["matched"] = sum(bool(lazy.match(s)) for s in samples)
report["compiled"] = isinstance(lazy._compiled, re.Pattern)
report["other_patterns_compiled"] = isinstance(paragraph._hy_letters_pat, re.Pattern)
print(json.dumps(report))
"""


def test_reportlabs_address_pattern_compiles_on_first_use_and_matches_the_same() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["lazy"], "ReportLab's uri_pat changed: update lazyregex.URI_PATTERN_START"
    assert not report["hook_left"]
    assert all(report["same"]) and 3 <= report["matched"] < 9
    assert report["compiled"] and report["other_patterns_compiled"]
