"""The static files' storage: WhiteNoise's compressed, hashed files, each file's URL worked out once per
process (the manifest of hashed names does not change while a process runs; every page asks for the
same few URLs: the stylesheet, the favicon, its scripts)."""

from whitenoise.storage import CompressedManifestStaticFilesStorage

_MEMO_SIZE = 512  # far more than the site's own files; names outside it are worked out each time


class StaticStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        found = self._urls.get(name)
        if found is None:
            found = super().url(name)
            if len(self._urls) < _MEMO_SIZE:
                self._urls[name] = found
        return found
