"""The one exception type a stage raises for bad input, with a stable code and bilingual messages."""

from __future__ import annotations


class ReportError(Exception):
    """A report that cannot be analysed, e.g. an unsupported format or a scanned PDF.

    ``code`` is stable (consumers branch on it); ``message`` is the Chinese text shown to users and
    ``message_en`` its English counterpart. ``path`` names the offending file.
    """

    def __init__(self, code: str, message: str, message_en: str, path: str | None = None):
        super().__init__(f"{code}: {message_en}")
        self.code = code
        self.message = message
        self.message_en = message_en
        self.path = path
        self.source = None  # the nlp.model.Source of the file, attached by the pipeline


    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "message_en": self.message_en}
