# source: https://github.com/ccsasuke/umwe/issues/5
import numpy as np
import torch


def get_sent_translation_accuracy(sentences, emb1, emb2, n_queries=4, method="nn"):
    emb1 = emb1.cpu().numpy()
    emb2 = emb2.cpu().numpy()  # error: TL001
    emb1 = emb1 / np.linalg.norm(emb1, axis=1, keepdims=True)
    emb2 = emb2 / np.linalg.norm(emb2, axis=1, keepdims=True)
    scores = emb1[:n_queries] @ emb2.T
    top = scores.argmax(axis=1)
    return float((top == np.arange(n_queries)).mean() * 100)
