"""`tulayev graph --case`: the author's view of the case web."""

from __future__ import annotations

import re
import shutil

import pytest

from game.authoring import graph
from game.story import load_story
from tests.conftest import SCENES
from tests.unit.test_cli import run


@pytest.fixture(scope="module")
def shipped():
    return load_story(SCENES)


def test_case_mermaid_draws_every_file_entry_writer_reader_and_naming(shipped):
    text = graph.case_mermaid(shipped)
    assert text.startswith("flowchart LR")
    for arc in shipped.arcs:
        assert re.search(rf"^  file_{arc.id}\[", text, flags=re.M), arc.id
    for entry in shipped.case.values():
        assert re.search(rf"^  entry_{entry.id}\(\[", text, flags=re.M), entry.id
        if entry.by:
            assert f"file_{entry.by} -->|writes| entry_{entry.id}" in text
        for arc in shipped.arcs:
            if entry.key in arc.case_reads:
                assert f"entry_{entry.id} -.->|read by| file_{arc.id}" in text
    assert "entry_erchov_named_rublev ==>|names| file_rublev" in text
    namings = sum(1 for e in shipped.case.values() if e.names and shipped.has_arc(e.names))
    assert text.count("==>|names|") == namings


def test_case_dot_has_the_same_edges(shipped):
    text = graph.case_dot(shipped)
    assert text.startswith("digraph case {") and text.rstrip().endswith("}")
    assert 'entry_erchov_named_rublev -> file_rublev [label="names"' in text
    assert 'file_erchov -> entry_erchov_named_rublev [label="writes"]' in text
    reads = sum(len(a.case_reads) for a in shipped.arcs)
    assert text.count('[label="read by"') == reads


def test_case_svg_needs_graphviz(shipped, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(graph.GraphError, match="not installed"):
        graph.render_case(shipped, "svg")


def test_case_svg_with_graphviz(shipped):
    if shutil.which("dot") is None:
        pytest.skip("Graphviz's dot is not installed here (apt install graphviz)")
    assert "<svg" in graph.render_case(shipped, "svg")


def test_graph_case_command(tmp_path):
    result = run("graph", "--case", "--format", "dot", "--story", str(SCENES))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("digraph case {")
    out = tmp_path / "case.mmd"
    written = run("graph", "--case", "-o", str(out), "--story", str(SCENES))
    assert written.returncode == 0 and out.read_text().startswith("flowchart LR")
    both = run("graph", "erchov", "--case", "--story", str(SCENES))
    assert both.returncode == 1 and both.stderr.count("\n") == 1
    assert "one of the two" in both.stderr
    neither = run("graph", "--story", str(SCENES))
    assert neither.returncode == 1 and "one of the two" in neither.stderr
