# source: https://github.com/HomebrewML/HeavyBall/issues/10
# HeavyBall's PrecondSchedulePaLMForeachSOAP optimizer: step() is decorated
# with @torch.no_grad() and calls the closure it is given directly, so the
# closure's forward pass runs with grad mode off and its loss.backward() fails.
# (The optimizer's preconditioned update is reduced here to a plain step.)
import torch
import torch.nn as nn


class PrecondSchedulePaLMForeachSOAP(torch.optim.Optimizer):
    def __init__(self, params, lr=3e-3):
        super().__init__(params, dict(lr=lr))

    @torch.no_grad()
    def step(self, closure=None):
        if closure is None:
            loss = None
        else:
            loss = closure()
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is not None:
                    p.add_(p.grad, alpha=-group["lr"])
        return loss


model = nn.Linear(4, 1)
opt = PrecondSchedulePaLMForeachSOAP(model.parameters())
x, y = torch.randn(8, 4), torch.randn(8, 1)


def closure():
    opt.zero_grad()
    loss = nn.functional.mse_loss(model(x), y)
    loss.backward()  # error: TL011
    return loss


for _ in range(2):
    print(opt.step(closure))
