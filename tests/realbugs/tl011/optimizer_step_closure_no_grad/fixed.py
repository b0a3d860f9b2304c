# source: https://github.com/HomebrewML/HeavyBall/issues/10
# Fixed as the issue proposes (and HeavyBall 0.15.0 did): step() calls the
# closure inside `with torch.enable_grad():`, the rest of it stays under
# no_grad.
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
            with torch.enable_grad():
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
    loss.backward()
    return loss


for _ in range(2):
    print(opt.step(closure))
