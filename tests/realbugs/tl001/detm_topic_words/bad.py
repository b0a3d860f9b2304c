# source: https://github.com/adjidieng/DETM/pull/11
# After training, the top words of each topic at a few time steps are printed
# from beta, computed from the model's variational parameters.
import torch
import torch.nn as nn
import torch.nn.functional as F


class DETM(nn.Module):
    def __init__(self, num_topics=5, num_times=4, vocab_size=50, rho_size=16):
        super().__init__()
        self.mu_q_alpha = nn.Parameter(torch.randn(num_topics, num_times, rho_size))
        self.rho = nn.Linear(rho_size, vocab_size, bias=False)

    def get_beta(self, alpha):
        logit = self.rho(alpha.view(alpha.size(0) * alpha.size(1), -1))
        logit = logit.view(alpha.size(0), alpha.size(1), -1)
        return F.softmax(logit, dim=-1)


def visualize(model, vocab, num_words=5, times=(0, 2)):
    alpha = model.mu_q_alpha
    beta = model.get_beta(alpha)
    topics = {}
    for k in range(beta.size(0)):
        for t in times:
            gamma = beta[k, t, :]
            top_words = list(gamma.cpu().numpy().argsort()[-num_words + 1:][::-1])  # error: TL001
            topics[(k, t)] = [vocab[a] for a in top_words]
    return topics


vocab = [f"w{i}" for i in range(50)]
visualize(DETM(), vocab)
