"""Links between pages of the output folder: the fast ``_relative`` gives what ``posixpath.relpath``
gives for every pair of plain relative paths (hypothesis)."""

from __future__ import annotations

import posixpath

from hypothesis import given
from hypothesis import strategies as st

from kg.views.item_pages import _relative

FOLDER = st.sampled_from(["id", "en", "person", "event", "editions", "a", "b"])
FILE = st.sampled_from(["index.html", "x.html", "rt-21.html"])
PATH = st.tuples(st.lists(FOLDER, max_size=3), FILE).map(lambda p: "/".join([*p[0], p[1]]))   # folders, then a page


@given(PATH, PATH)
def test_the_same_link_as_relpath(page, target):
    assert _relative(page, target) == posixpath.relpath(target, posixpath.dirname(page) or ".")


def test_examples():
    assert _relative("id/person/marie-ting.html", "id/event/rt-21.html") == "../event/rt-21.html"
    assert _relative("id/person/marie-ting.html", "index.html") == "../../index.html"
    assert _relative("index.html", "id/person/marie-ting.html") == "id/person/marie-ting.html"
    assert _relative("id/person/a.html", "id/person/b.html") == "b.html"
