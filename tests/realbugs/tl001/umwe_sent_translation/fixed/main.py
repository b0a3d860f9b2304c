# source: https://github.com/ccsasuke/umwe/issues/5
# The evaluator maps the source embeddings with the learned mapping and hands both
# embedding matrices to the sentence-translation metric of another module.
import torch
import torch.nn as nn

from sent_translation import get_sent_translation_accuracy


class Evaluator:
    def __init__(self, src_emb, tgt_emb, mapping):
        self.src_emb = src_emb
        self.tgt_emb = tgt_emb
        self.mapping = mapping

    def sent_translation(self, to_log, sentences):
        src_emb = self.src_emb.weight.data
        mapped = self.mapping(src_emb)
        tgt_emb = self.tgt_emb.weight.data
        to_log["sent_precision"] = get_sent_translation_accuracy(sentences, tgt_emb, mapped)


src = nn.Embedding(20, 16)
tgt = nn.Embedding(20, 16)
mapping = nn.Linear(16, 16, bias=False)
Evaluator(src, tgt, mapping).sent_translation({}, sentences=[])
