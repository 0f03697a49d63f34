"""The shared tokenizer: one spaCy ``zh`` pipeline segmented by jieba, with the project's domain dictionary.

Stages that want spaCy tokens go through :func:`load_nlp` / :func:`make_doc`, so the (slow) load happens once per
process; stages that only want words (the tagger) load :data:`USER_DICT` into jieba themselves, so every stage
sees the same segmentation.

Load cost (measured on the dev box, warm disk cache): ``import spacy`` ≈ 0.7–1.0 s, jieba's dictionary
≈ 0.75–1.1 s (jieba unmarshals its prefix dictionary from a cache file it writes to the temp directory on first
use), ``spacy.blank`` ≈ 0.1 s, the user dictionary a few ms: :func:`load_nlp` takes 2–2.5 s on an idle machine,
more than the whole 1.5 s start-up budget of ``govreport analyze``. spaCy and jieba are therefore imported inside
:func:`load_nlp`, not at module import, and the analysis path does not call it: figures are found with regexes
over the text, and the tagger calls jieba directly. Tokenizing a report once loaded takes about a millisecond.

The user dictionary (``nlp/resources/userdict.txt``, jieba format ``word freq pos``) keeps domain terms such as
依申请公开, 信息处理费, 结转下年度继续办理 as single tokens; without it jieba splits them (依/申请/公开,
信息处理/费) and classifiers and span lookups see fragments.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import TYPE_CHECKING

from nlp.config import RESOURCES

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

USER_DICT = RESOURCES / "userdict.txt"


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The process-wide spaCy pipeline (blank ``zh``, jieba segmenter, domain user dictionary)."""
    import jieba
    import spacy

    # jieba logs "Building prefix dict..." at INFO on every start; that is noise on a CLI's stderr.
    jieba.setLogLevel(logging.WARNING)
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    # spaCy's ChineseTokenizer keeps the jieba *module* as ``jieba_seg`` and calls ``jieba_seg.cut``, i.e. the
    # module-level default tokenizer; loading the user dictionary on that object is what the tokenizer uses.
    nlp.tokenizer.jieba_seg.load_userdict(str(USER_DICT))
    return nlp


def make_doc(text: str) -> Doc:
    """Tokenize ``text`` (no pipeline components run): token offsets are character offsets into ``text``."""
    return load_nlp().make_doc(text)
