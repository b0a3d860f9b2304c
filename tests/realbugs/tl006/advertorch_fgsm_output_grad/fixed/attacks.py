# source: https://github.com/BorealisAI/advertorch/issues/49
import torch
import torch.nn as nn


def clamp(x, lo, hi):
    return torch.min(torch.max(x, torch.full_like(x, lo)), torch.full_like(x, hi))


class GradientSignAttack:
    """One step of the fast gradient sign method, as the library's attack does it."""

    def __init__(self, predict, loss_fn=None, eps=0.3, clip_min=0.0, clip_max=1.0):
        self.predict = predict
        self.loss_fn = loss_fn or nn.CrossEntropyLoss(reduction="sum")
        self.eps = eps
        self.clip_min = clip_min
        self.clip_max = clip_max

    def perturb(self, x, y):
        xadv = x.detach().clone().requires_grad_()
        outputs = self.predict(xadv)
        loss = self.loss_fn(outputs, y)
        loss.backward()
        grad_sign = xadv.grad.detach().sign()
        xadv = xadv + self.eps * grad_sign
        xadv = clamp(xadv, self.clip_min, self.clip_max)
        return xadv
