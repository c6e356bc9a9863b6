"""The house's layers and boundaries, as import-linter contracts in pyproject.toml ([tool.importlinter]):
storefront → content → shop → claims, the claim engine free of Django, devstripe apart from the site,
and only the payments module talking to Stripe."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(*args):
    return subprocess.run([str(LINT_IMPORTS), *args], cwd=ROOT, capture_output=True, text=True)


def test_every_contract_is_kept():
    result = lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_broken_layer_is_reported(tmp_path):
    """The check reads the real imports: with the layers upside down, it fails."""
    config = tmp_path / "upside_down.toml"
    config.write_text(
        '[tool.importlinter]\nroot_packages = ["content", "shop", "claims"]\n\n'
        '[[tool.importlinter.contracts]]\nname = "upside down"\ntype = "layers"\nlayers = ["claims", "shop", "content"]\n'
    )
    result = lint_imports("--config", str(config))
    assert result.returncode != 0 and "BROKEN" in result.stdout
