"""Where item pages go: any key a contribution may give (Turtle can say anything) becomes a plain
file name inside its kind's folder, never the kind's list page, never outside ``id/``."""

import re

from hypothesis import given
from hypothesis import strategies as st

from kg.views.items import kind_index_path, page_path

PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


@given(st.text(min_size=1, max_size=60), st.text(min_size=1, max_size=200))
def test_any_key_becomes_a_plain_page_in_its_kind_folder(kind, key):
    path = page_path(kind, key)
    prefix, folder, name = path.split("/")
    assert prefix == "id" and name.endswith(".html")
    assert PLAIN.fullmatch(folder) and PLAIN.fullmatch(name[:-len(".html")])
    assert path != kind_index_path(kind) and kind_index_path(kind) == f"id/{folder}/index.html"


@given(st.text(min_size=1, max_size=40), st.text(min_size=1, max_size=40))
def test_different_keys_get_different_pages(a, b):
    if a != b:
        assert page_path("person", a) != page_path("person", b)


def test_plain_keys_keep_their_name_and_index_is_not_one():
    assert page_path("person", "marie-ting") == "id/person/marie-ting.html"
    assert page_path("municipality", "05962004") == "id/municipality/05962004.html"
    assert page_path("person", "index") != "id/person/index.html"
    assert page_path("person", "../../etc") != page_path("person", "etc")
