# source: https://github.com/nishnik/Deep-Semantic-Similarity-Model-PyTorch/issues/2
# The author's fix (commit 2f7f606, "corrected logits and probs"): the model
# returns the logits for CrossEntropyLoss; the softmax is left commented out.
import numpy as np
import torch
import torch.nn as nn

WORD_DEPTH = 30  # letter-trigram vocabulary times the window, tiny here
K = 10  # max-pooling layer size
L = 8  # semantic space size
J = 4  # unclicked documents per query
FILTER_LENGTH = 1


def kmax_pooling(x, dim, k):
    index = x.topk(k, dim=dim)[1].sort(dim=dim)[0]
    return x.gather(dim, index)


class CDSSM(nn.Module):
    def __init__(self):
        super(CDSSM, self).__init__()
        self.query_conv = nn.Conv1d(WORD_DEPTH, K, FILTER_LENGTH)
        self.query_sem = nn.Linear(K, L)
        self.doc_conv = nn.Conv1d(WORD_DEPTH, K, FILTER_LENGTH)
        self.doc_sem = nn.Linear(K, L)
        self.learn_gamma = nn.Conv1d(1, 1, 1)

    def forward(self, q, pos, negs):
        q = q.transpose(1, 2)
        q_c = torch.tanh(self.query_conv(q))
        q_k = kmax_pooling(q_c, 2, 1).transpose(1, 2)
        q_s = torch.tanh(self.query_sem(q_k)).resize(L)
        pos = pos.transpose(1, 2)
        pos_c = torch.tanh(self.doc_conv(pos))
        pos_k = kmax_pooling(pos_c, 2, 1).transpose(1, 2)
        pos_s = torch.tanh(self.doc_sem(pos_k)).resize(L)
        negs = [neg.transpose(1, 2) for neg in negs]
        neg_cs = [torch.tanh(self.doc_conv(neg)) for neg in negs]
        neg_ks = [kmax_pooling(neg_c, 2, 1).transpose(1, 2) for neg_c in neg_cs]
        neg_ss = [torch.tanh(self.doc_sem(neg_k)).resize(L) for neg_k in neg_ks]
        dots = [q_s.dot(pos_s)]
        dots = dots + [q_s.dot(neg_s) for neg_s in neg_ss]
        dots = torch.stack(dots)
        with_gamma = self.learn_gamma(dots.resize(J + 1, 1, 1))
        # The softmax would give P(D+|Q); the logits are returned for CrossEntropyLoss.
        # prob = F.softmax(with_gamma)
        return with_gamma


np.random.seed(0)
torch.manual_seed(0)
model = CDSSM()
sample_size = 3
l_Qs = [torch.from_numpy(np.random.rand(1, np.random.randint(1, 6), WORD_DEPTH)).float() for i in range(sample_size)]
pos_l_Ds = [torch.from_numpy(np.random.rand(1, np.random.randint(5, 12), WORD_DEPTH)).float() for i in range(sample_size)]
neg_l_Ds = [[pos_l_Ds[(i + j + 1) % sample_size] for i in range(sample_size)] for j in range(J)]

criterion = torch.nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=1e-4, momentum=0.9)

# the cosine similarity with the clicked document is at index 0
y = torch.from_numpy(np.zeros(1)).long()

for i in range(sample_size):
    y_pred = model(l_Qs[i], pos_l_Ds[i], [neg_l_Ds[j][i] for j in range(J)])
    loss = criterion(y_pred.resize(1, J + 1), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
