# source: https://github.com/facebookresearch/DME/issues/3
# Dynamic meta-embeddings: CatEmbedder looks each word up in several
# (frozen) embedders, concatenates them, applies a ReLU when args.nonlin is
# 'relu', then `out = F.dropout(out, p=self.args.emb_dropout)` when
# emb_dropout > 0. The reporter: this line triggers dropout during inference.
import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F


class SingleEmbedder(nn.Module):
    def __init__(self, args, emb_size):
        super(SingleEmbedder, self).__init__()
        self.args = args
        self.embedder = nn.Embedding(len(args.vocab_stoi), emb_size, padding_idx=args.vocab_stoi['<pad>'])
        self.embedder.weight.requires_grad = False

    def forward(self, x):
        return self.embedder(x)


class CatEmbedder(nn.Module):
    def __init__(self, args):
        super(CatEmbedder, self).__init__()
        self.args = args
        self.n_emb = len(args.embeds)
        self.emb_sz = sum([x[1] for x in args.embeds])
        self.emb_names = sorted([name for name, _ in args.embeds])
        self.embedders = nn.ModuleDict({
            name: SingleEmbedder(args, dim) for name, dim in args.embeds
        })

    def forward(self, words):
        out = torch.cat([self.embedders[name](words) for name in self.emb_names], -1)
        if self.args.nonlin == 'relu':
            out = F.relu(out)
        if self.args.emb_dropout > 0.0:
            out = F.dropout(out, p=self.args.emb_dropout)  # error: TL106
        return out


torch.manual_seed(0)
vocab = ['<pad>', 'a', 'man', 'is', 'playing', 'guitar']
args = argparse.Namespace(vocab_stoi={w: i for i, w in enumerate(vocab)},
                          embeds=[('fasttext', 8), ('glove', 6)], nonlin='none', emb_dropout=0.2)
embedder = CatEmbedder(args)
words = torch.tensor([[1, 2, 3, 4, 5, 0]])
embedder.eval()
with torch.no_grad():
    first = embedder(words)
    second = embedder(words)
print(torch.equal(first, second))
