# source: https://github.com/BaiTheBest/SparseLLM/issues/13
# Pruning with an auxiliary variable: a chunk of s is optimized for a few
# steps by hand-written gradient descent, then written back in float16.
import torch


def optimize_s(s, target, chunk, s_learning_rate=0.1, steps=2):
    s_batch = s[:, chunk].detach().float().clone().requires_grad_(True)
    for _ in range(steps):
        loss_s = ((s_batch - target) ** 2).sum()
        loss_s.backward()
        s_batch -= s_learning_rate * s_batch.grad  # error: TL010
        s_batch.grad.zero_()
    s[:, chunk] = s_batch.detach().to(dtype=torch.float16)
    return s


optimize_s(torch.zeros(4, 6, dtype=torch.float16), torch.ones(4, 3), slice(0, 3))
