"""The claim engine's data (that it imports no Django is an import-linter contract: tests/test_architecture.py)."""


def test_the_condition_names_are_built_from_the_code_set():
    """conditions.txt is what `python -m claims.engine.conditions` makes from the ICD-10-CM package."""
    from claims.engine import conditions

    xml_path, header = conditions.source()
    committed = conditions.PATH.read_text(encoding="utf-8").splitlines()
    assert committed[0] == header
    assert committed[1:] == conditions.build(xml_path)
    assert {"plantar fasciitis", "gout", "psoriasis", "fibromyalgia"} <= set(conditions.names())
    assert not {"weakness", "fatigue", "felon", "culture shock"} & set(conditions.names())
