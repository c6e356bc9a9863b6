import subprocess
import sys


def test_engine_imports_no_django():
    code = "import sys, claims.engine; print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_condition_names_are_built_from_the_code_set():
    """conditions.txt is what `python -m claims.engine.conditions` makes from the ICD-10-CM package."""
    from claims.engine import conditions

    xml_path, header = conditions.source()
    committed = conditions.PATH.read_text(encoding="utf-8").splitlines()
    assert committed[0] == header
    assert committed[1:] == conditions.build(xml_path)
    assert {"plantar fasciitis", "gout", "psoriasis", "fibromyalgia"} <= set(conditions.names())
    assert not {"weakness", "fatigue", "felon", "culture shock"} & set(conditions.names())
