# source: https://github.com/embeddings-benchmark/mteb/issues/3652
# The retrieval wrapper converts the encoder's output to a tensor before scoring;
# sentence-transformers style encoders already return tensors.
import torch
import torch.nn as nn


class Encoder(nn.Module):
    def __init__(self, vocab=500, dim=32):
        super().__init__()
        self.emb = nn.EmbeddingBag(vocab, dim)

    @torch.no_grad()
    def encode(self, sentences):
        ids = [torch.tensor([hash(w) % 500 for w in s.split()]) for s in sentences]
        offsets = torch.tensor([0] + [len(i) for i in ids[:-1]]).cumsum(0)
        return nn.functional.normalize(self.emb(torch.cat(ids), offsets), dim=-1)


class SearchWrapper:
    def __init__(self, model):
        self.model = model

    def search(self, corpus, queries, top_k=2):
        query_embeddings = torch.as_tensor(self.model.encode(queries))
        corpus_embeddings = self.model.encode(corpus)
        scores = query_embeddings @ corpus_embeddings.T
        return scores.topk(top_k, dim=1).indices


wrapper = SearchWrapper(Encoder())
wrapper.search(["a cat sat", "dogs bark loudly", "the sun is hot"], ["where is the cat", "barking dog"])
