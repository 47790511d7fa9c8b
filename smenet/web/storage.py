from whitenoise.compress import Compressor
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Hashed names (cache forever) and gzip copies. Brotli at its highest quality took most of
    a minute on the API docs' bundle at every first start, for a few percent smaller files."""

    def create_compressor(self, **kwargs):
        return Compressor(use_brotli=False, **kwargs)
