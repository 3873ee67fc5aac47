"""Ingest stage on real articles and on every kind of bad input issue 7 lists.

Each bad input must give exactly one problem line naming the input and the reason, and must not
stop the other inputs from being read.
"""

from __future__ import annotations

import itertools
import json
import os
import threading
import tracemalloc
from pathlib import Path

import pytest

from kg.ingest import clean_url, decode, iter_documents, normalise
from kg.ingest.html import extract_article
from kg.ingest.language import check_language
from kg.ingest.parts import PART_CHARS, SPLIT_ABOVE, split_document, split_spans
from kg.model import Problem

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FOUNDING = SEEDS / "000_0d3747f6e96d4de0.txt"
MUGABE = SEEDS / "008_mugabe_prepared_to_fight_zimbabwe_runoff.txt"

#: News paragraphs in other languages (same story as the founding article).
FOREIGN = {
    "fr": "Le président ukrainien a accusé la Russie d'avoir recruté des ressortissants chinois pour combattre "
          "en Ukraine. Pékin a démenti toute implication et a appelé à la retenue des deux parties. Le ministre "
          "des Affaires étrangères a convoqué l'ambassadeur.",
    "de": "Der ukrainische Präsident hat Russland vorgeworfen, chinesische Staatsbürger für den Kampf in der "
          "Ukraine angeworben zu haben. Peking wies jede Beteiligung zurück und rief beide Seiten zur "
          "Zurückhaltung auf. Der Außenminister bestellte den Botschafter ein.",
    "es": "El presidente ucraniano acusó a Rusia de reclutar a ciudadanos chinos para combatir en Ucrania. Pekín "
          "negó cualquier implicación y pidió moderación a ambas partes. El ministro de Asuntos Exteriores "
          "convocó al embajador.",
    "Cyrillic": "Президент Украины обвинил Россию в вербовке граждан Китая для участия в боевых действиях. "
                "Пекин отрицает свою причастность.",
    "CJK": "乌克兰总统指责俄罗斯招募中国公民参战。北京否认参与，并呼吁双方保持克制。",
}


def read(paths: list[Path | str], **kwargs) -> tuple[list, list[Problem]]:
    problems: list[Problem] = []
    docs = list(iter_documents(paths, problems.append, **kwargs))
    return docs, problems


def one_problem(problems: list[Problem], where: Path | str) -> Problem:
    found = [p for p in problems if p.where == str(where)]
    assert len(found) == 1, problems
    assert "\n" not in str(found[0]) and str(found[0]).startswith(f"{where}: ")
    return found[0]


# -- real articles -----------------------------------------------------------------------


def test_seed_article_reads_with_headline_and_dateline():
    docs, problems = read([FOUNDING])
    assert problems == []
    (doc,) = docs
    assert doc.id == FOUNDING.stem
    assert doc.title and "\n" not in doc.title and len(doc.title) <= 200
    assert "Zelensky" in doc.text and doc.text == normalise(doc.text)


def test_directory_is_read_recursively_in_sorted_order_with_manifest_metadata():
    docs, problems = read([SEEDS])
    assert problems == []
    ids = [d.id for d in docs]
    assert FOUNDING.stem in ids and len(ids) == len(set(ids))
    assert [d.origin for d in docs] == sorted(d.origin for d in docs)
    assert all(d.date for d in docs if d.id[:3].isdigit()), "manifest.tsv dates missing"


def test_markdown_headings_and_links_are_stripped(tmp_path):
    md = tmp_path / "brief.md"
    md.write_text("# Ukraine says it captured two Chinese nationals\n\nPresident [Zelensky](https://x.org) "
                  "**accused** Russia of drawing China into the war.\n", encoding="utf-8")
    (doc,), problems = read([md])
    assert problems == []
    assert doc.title == "Ukraine says it captured two Chinese nationals"
    assert "President Zelensky accused Russia" in doc.text and "https" not in doc.text


# -- empty, binary, encodings ------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  ", b"\xef\xbb\xbf  \n"])
def test_empty_and_whitespace_only_files_are_skipped(tmp_path, content):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(content)
    docs, problems = read([empty, FOUNDING])
    assert [d.id for d in docs] == [FOUNDING.stem]
    problem = one_problem(problems, empty)
    assert "empty file" in problem.reason and problem.level == "skipped"


@pytest.mark.parametrize("content", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
                                     bytes(range(1, 32)) * 40, b"%PDF-1.7\n\x00\x01\x02\xff" * 100])
def test_binary_files_are_skipped(tmp_path, content):
    binary = tmp_path / "photo.txt"
    binary.write_bytes(content)
    docs, problems = read([binary, FOUNDING])
    assert [d.id for d in docs] == [FOUNDING.stem]
    assert "binary file" in one_problem(problems, binary).reason


def test_invalid_utf8_is_decoded_as_windows_1252_with_a_warning(tmp_path):
    legacy = tmp_path / "legacy.txt"
    body = FOUNDING.read_text(encoding="utf-8").replace("China", "Chin\u00e9 caf\u00e9", 1)
    legacy.write_bytes(body.encode("cp1252", errors="replace"))
    (doc,), problems = read([legacy])
    problem = one_problem(problems, legacy)
    assert problem.level == "warning" and "invalid UTF-8 at byte" in problem.reason and "(line " in problem.reason
    assert "Windows-1252" in problem.reason
    assert "café" in doc.text and "\ufffd" not in doc.text


def test_mixed_utf8_and_legacy_bytes_keep_both(tmp_path):
    mixed = tmp_path / "mixed.txt"
    mixed.write_bytes("Zelensky said “China” denied it.\n".encode() + b"Le caf\xe9 est ferm\xe9 today in Kyiv.\n")
    (doc,), problems = read([mixed])
    assert "“China”" in doc.text and "café est fermé" in doc.text
    assert "2 bytes not valid UTF-8" in one_problem(problems, mixed).reason


def test_utf16_with_bom_is_decoded(tmp_path):
    wide = tmp_path / "wide.txt"
    wide.write_bytes(FOUNDING.read_text(encoding="utf-8").encode("utf-16"))
    (doc,), problems = read([wide])
    assert problems == [] and "Zelensky" in doc.text


def test_decode_never_returns_replacement_characters():
    text = decode(b"A \xff\xfe\x81 B \xed\xa0\x80 C", "x", lambda p: None)
    assert "\ufffd" not in normalise(text) and normalise(text).startswith("A ")


def test_normalise_removes_what_no_literal_should_hold():
    raw = "Zelensky\x00 said\r\n\x1b[31mRussia\ud800 \ufffe lied\ufffd.\u200f \u0065\u0301"
    clean = normalise(raw)
    assert clean == "Zelensky said\n[31mRussia  lied.\u200f \u00e9"
    clean.encode("utf-8")  # no lone surrogate left


# -- non-English -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", sorted(FOREIGN))
def test_non_english_text_is_detected_and_skipped(tmp_path, lang):
    foreign = tmp_path / f"article-{lang}.txt"
    foreign.write_text(FOREIGN[lang] + "\n", encoding="utf-8")
    docs, problems = read([foreign, FOUNDING])
    assert [d.id for d in docs] == [FOUNDING.stem]
    problem = one_problem(problems, foreign)
    assert problem.reason.startswith("not English") and lang in problem.reason and "skipped" in problem.reason


def test_every_seed_article_is_judged_english():
    for path in sorted(SEEDS.glob("*.txt")):
        assert check_language(path.read_text(encoding="utf-8")).english, path.name


def test_english_article_quoting_another_language_stays_english():
    text = MUGABE.read_text(encoding="utf-8") + "\n\n" + FOREIGN["fr"]
    assert check_language(text).english


def test_a_foreign_name_repeated_through_an_english_text_does_not_make_it_foreign():
    opening = "Officials said Ελλάδα Putin-Ibe met Lin Jian in Kyiv on Tuesday and called for talks. "
    assert check_language(opening + " ".join(["Ελλάδα Ibe-Jian"] * 1000)).english
    assert check_language(opening + "Ελλάδα " * 2000).english


def test_language_check_can_be_turned_off(tmp_path):
    foreign = tmp_path / "fr.txt"
    foreign.write_text(FOREIGN["fr"], encoding="utf-8")
    docs, problems = read([foreign], check_english=False)
    assert len(docs) == 1 and problems == []


# -- HTML --------------------------------------------------------------------------------

PAGE = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"><head>
<title>Ukraine captures Chinese nationals</title>
<meta property="article:published_time" content="2025-04-08T09:00:00Z">
<link rel="canonical" href="https://example.org/news/ukraine china">
<style>p { color: red } .ad::after { content: "BUY NOW" }</style>
<script>document.write("injected script text"); var x = "<p>fake</p>";</script>
</head><body><nav>Home | World | Sport</nav>
<article><h1>Ukraine captures Chinese nationals</h1>
<p>President Volodymyr Zelensky said Ukrainian forces had captured two Chinese citizens.</p>
<div hidden><p>hidden tracking text</p></div><p style="display: none">invisible teaser</p>
<script type="application/ld+json">{"@type": "NewsArticle"}</script>
<noscript>enable javascript</noscript><!-- comment text -->
<p>China's foreign ministry denied the claims.</p></article>
<footer>Copyright footer</footer></body></html>"""


def test_html_keeps_article_text_and_drops_scripts_styles_and_boilerplate(tmp_path):
    page = tmp_path / "story.html"
    page.write_text(PAGE, encoding="utf-8")
    (doc,), problems = read([page])
    assert problems == []
    assert "captured two Chinese citizens" in doc.text and "denied the claims" in doc.text
    for junk in ("injected", "color: red", "BUY NOW", "Home | World", "hidden tracking", "invisible",
                 "NewsArticle", "enable javascript", "comment text", "Copyright"):
        assert junk not in doc.text, junk
    assert doc.title == "Ukraine captures Chinese nationals" and doc.date == "2025-04-08"
    assert doc.url == "https://example.org/news/ukraine%20china"


def test_html_without_article_text_is_skipped(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><head><script>var a = 1;</script></head><body><nav>menu</nav></body></html>")
    docs, problems = read([page])
    assert docs == [] and "no article text" in one_problem(problems, page).reason


def test_article_element_without_children_is_still_found():
    assert extract_article("<body><p>menu</p><article>Only this.</article></body>").text == "Only this."


# -- JSON Lines --------------------------------------------------------------------------


def test_malformed_jsonl_lines_are_reported_with_line_numbers_and_the_rest_processed(tmp_path):
    text = FOUNDING.read_text(encoding="utf-8")
    lines = [
        json.dumps({"id": "good-1", "text": text, "date": "2025-04-08"}),
        '{"id": "broken", "text": "unterminated',
        "[1, 2, 3]",
        json.dumps({"id": "no-text", "title": "headline only"}),
        json.dumps({"id": "bad-date", "text": text, "date": "last Tuesday"}),
        "",
        "[" * 100_000,
        json.dumps({"id": True, "text": text}),
        json.dumps({"id": "good-2", "text": text, "title": "Line one\nline\ttwo", "url": "javascript:alert(1)"}),
    ]
    jsonl = tmp_path / "feed.jsonl"
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, problems = read([jsonl])
    assert [d.id for d in docs] == ["good-1", "good-2"]
    assert docs[1].title == "Line one line two" and docs[1].url == ""
    reasons = {p.where: p.reason for p in problems}
    assert set(reasons) == {f"{jsonl}:{n}" for n in (2, 3, 4, 5, 7, 8)}
    assert reasons[f"{jsonl}:2"].startswith("invalid JSON")
    assert "expected a JSON object" in reasons[f"{jsonl}:3"]
    assert "missing 'text'" in reasons[f"{jsonl}:4"]
    assert "'date' is not an ISO 8601 date" in reasons[f"{jsonl}:5"]
    assert "nested too deeply" in reasons[f"{jsonl}:7"]
    assert "'id' must be a string" in reasons[f"{jsonl}:8"]


def test_jsonl_bad_bytes_and_lone_surrogates_affect_only_their_line(tmp_path):
    text = FOUNDING.read_text(encoding="utf-8")
    jsonl = tmp_path / "scrape.jsonl"
    jsonl.write_bytes(json.dumps({"id": "surrogate\ud800", "text": text + " \udfff"}).encode() + b"\n"
                      + b'{"id": "latin1", "text": "' + text.replace('"', "'").replace("\n", " ").encode()
                      + b' caf\xe9"}\n')
    docs, problems = read([jsonl])
    assert [d.id for d in docs] == ["surrogate", "latin1"]
    for doc in docs:
        (doc.id + doc.text).encode("utf-8")
    assert docs[1].text.endswith("café")
    assert one_problem(problems, f"{jsonl}:2").level == "warning"


def test_empty_jsonl_file_is_reported(tmp_path):
    jsonl = tmp_path / "none.jsonl"
    jsonl.write_text("\n \n")
    docs, problems = read([jsonl])
    assert docs == [] and one_problem(problems, jsonl).reason == "empty file"


# -- duplicates, missing, unreadable, special files, symlinks ----------------------------


def test_duplicate_document_ids_keep_the_first(tmp_path):
    (tmp_path / "a").mkdir()
    copy = tmp_path / "a" / FOUNDING.name
    copy.write_bytes(FOUNDING.read_bytes())
    docs, problems = read([FOUNDING, copy])
    assert [d.origin for d in docs] == [str(FOUNDING)]
    reason = one_problem(problems, copy).reason
    assert "duplicate document id" in reason and str(FOUNDING) in reason


def test_missing_path_fails_and_others_are_processed(tmp_path):
    missing = tmp_path / "nope.txt"
    docs, problems = read([missing, FOUNDING])
    assert len(docs) == 1
    problem = one_problem(problems, missing)
    assert problem.level == "failed" and problem.reason == "no such file or directory"


def test_unreadable_file_fails_with_the_os_reason(tmp_path, monkeypatch):
    # Tests run as root, where chmod 000 does not stop reading: simulate the OS refusing instead.
    locked = tmp_path / "locked.txt"
    locked.write_bytes(FOUNDING.read_bytes())
    real_read = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    docs, problems = read([locked, MUGABE])
    assert [d.id for d in docs] == [MUGABE.stem]
    problem = one_problem(problems, locked)
    assert problem.level == "failed" and problem.reason == "cannot read: Permission denied"


def test_unreadable_directory_fails_with_the_os_reason(tmp_path, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir()
    real_scandir = os.scandir

    def refuse(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    docs, problems = read([locked])
    assert docs == [] and one_problem(problems, locked).reason == "cannot list directory: Permission denied"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs")
def test_fifo_is_skipped_without_blocking(tmp_path):
    # Opening a FIFO for reading blocks until a writer appears: ingest must not even try.
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result: list = []
    reader = threading.Thread(target=lambda: result.append(read([tmp_path, fifo])), daemon=True)
    reader.start()
    reader.join(10)
    assert not reader.is_alive(), "ingest blocked on a FIFO"
    docs, problems = result[0]
    assert docs == [] and len(problems) == 2
    assert all(p.reason == "not a regular file (FIFO); skipped" for p in problems)


def test_directory_symlink_loop_is_reported_once(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "sub" / "story.txt").write_bytes(FOUNDING.read_bytes())
    (corpus / "sub" / "loop").symlink_to(corpus, target_is_directory=True)
    (corpus / "self").symlink_to(".", target_is_directory=True)
    docs, problems = read([corpus])
    assert [d.id for d in docs] == ["story"]
    assert len(problems) == 2 and all("directory symlink loop" in p.reason for p in problems)


def test_file_symlink_loop_and_broken_symlink_are_reported(tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    docs, problems = read([tmp_path])
    assert docs == []
    assert one_problem(problems, tmp_path / "a.txt").reason == "symlink loop"
    assert one_problem(problems, tmp_path / "gone.txt").reason.startswith("broken symlink")


def test_hidden_entries_are_ignored_and_unsupported_named_files_reported(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "notes.txt").write_bytes(FOUNDING.read_bytes())
    (tmp_path / ".graph.ttl.abc.tmp").write_text("partial")
    (tmp_path / "story.txt").write_bytes(FOUNDING.read_bytes())
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF")
    docs, problems = read([tmp_path, pdf])
    assert [d.id for d in docs] == ["story"]
    assert "unsupported file type '.pdf'" in one_problem(problems, pdf).reason


def test_control_characters_in_file_names_stay_on_one_line(tmp_path):
    odd = tmp_path / "evil\nname\x1b[2J.txt"
    odd.write_bytes(b"")
    _, problems = read([odd])
    (problem,) = problems
    assert "\n" not in str(problem) and "\x1b" not in str(problem) and "\\n" in problem.where


# -- very long documents -----------------------------------------------------------------


def test_split_spans_cover_the_text_exactly_at_good_boundaries():
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("0*.txt")))
    spans = list(split_spans(text, 5000))
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))
    assert all(0 < end - start <= 5000 for start, end in spans)
    # Every cut but the last lands after a paragraph break: no sentence is cut in two.
    assert all(text[end - 1] == "\n" for _, end in spans[:-1])


def test_split_spans_cut_unbroken_text_hard():
    spans = list(split_spans("x" * 45_001, 20_000))
    assert spans == [(0, 20_000), (20_000, 40_000), (40_000, 45_001)]


def test_twenty_megabyte_file_is_read_in_bounded_parts(tmp_path):
    base = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("0*.txt")))
    big = tmp_path / "dump.txt"
    with big.open("w", encoding="utf-8") as fh:
        while fh.tell() < 20 * 2**20:
            fh.write(base + "\n\n")
    size = big.stat().st_size
    tracemalloc.start()
    problems: list[Problem] = []
    lengths = [len(d.text) for d in iter_documents([big], problems.append)]
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert len(lengths) >= size // PART_CHARS and max(lengths) <= PART_CHARS
    assert sum(lengths) >= 0.99 * size  # nothing lost but whitespace at the cuts
    # The file, its text and the normalised copy, never a parse: a few times the file size.
    assert peak < 8 * size, f"peak {peak / 2**20:.0f} MB for a {size / 2**20:.0f} MB file"
    (warning,) = problems
    assert warning.level == "warning" and "processed in about" in warning.reason and "dump-part0001" in warning.reason


def test_documents_below_the_limit_are_not_split():
    (doc,), _ = read([FOUNDING])
    assert list(split_document(doc)) == [doc]
    assert len(doc.text) < SPLIT_ABOVE


# -- metadata ----------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "clean"), [
    ("https://example.org/a b", "https://example.org/a%20b"),
    ("http://x/<script>", "http://x/%3Cscript%3E"),
    ("https://en.wikinews.org/wiki/Café?q=1 2#a#b", "https://en.wikinews.org/wiki/Caf%C3%A9?q=1%202#a%23b"),
    ("http://x/100%", "http://x/100%25"),
    ("http://[::1]:8080/p", "http://[::1]:8080/p"),
    ("javascript:alert(1)", ""),
    ("not a url", ""),
    ("https://exa mple.com/", ""),
])
def test_urls_become_valid_uris_or_are_dropped(raw, clean):
    assert clean_url(raw) == clean
