# source: https://github.com/BaiTheBest/SparseLLM/issues/13
# Fixed: the update runs under torch.no_grad(), so s_batch stays the leaf whose
# .grad the next line zeroes.
import torch


def optimize_s(s, target, chunk, s_learning_rate=0.1, steps=2):
    s_batch = s[:, chunk].detach().float().clone().requires_grad_(True)
    for _ in range(steps):
        loss_s = ((s_batch - target) ** 2).sum()
        loss_s.backward()
        with torch.no_grad():
            s_batch -= s_learning_rate * s_batch.grad
        s_batch.grad.zero_()
    s[:, chunk] = s_batch.detach().to(dtype=torch.float16)
    return s


optimize_s(torch.zeros(4, 6, dtype=torch.float16), torch.ones(4, 3), slice(0, 3))
