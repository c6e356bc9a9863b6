import json
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command


def run(tmp_path, capsys, content: bytes):
    path = tmp_path / "in.txt"
    path.write_bytes(content)
    call_command("scan_claims", str(path))
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_one_json_object_per_input_line(db, tmp_path, capsys):
    lines = run(tmp_path, capsys, "Parcels leave within a day.\nRed light therapy cures neuropathy.\n\n".encode())
    assert [line["line"] for line in lines] == [1, 2, 3]
    assert lines[0]["claims"] == [] and lines[2]["claims"] == []
    claim = lines[1]["claims"][0]
    assert claim["category"] == "cure" and claim["severity"] == "forbidden"
    assert claim["start"] == 0 and claim["end"] == len("Red light therapy cures neuropathy.")
    assert set(claim) == {"start", "end", "text", "category", "severity", "disclaimer", "found_by"}


def test_invalid_utf8_is_a_clear_error(db, tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"ok\n\xff\xfe bad")
    with pytest.raises(CommandError, match="not valid UTF-8"):
        call_command("scan_claims", str(path))


def test_missing_file_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("scan_claims", str(tmp_path / "missing.txt"))


def test_standard_input_and_exit_code():
    ok = subprocess.run([sys.executable, "manage.py", "scan_claims", "-"], input=b"Light therapy eased my knee pain.\n", capture_output=True, env=None)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout.decode().splitlines()[0])["line"] == 1
    bad = subprocess.run([sys.executable, "manage.py", "scan_claims", "-"], input=b"\xff", capture_output=True)
    assert bad.returncode != 0 and b"UTF-8" in bad.stderr
