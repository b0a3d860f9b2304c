# source: https://github.com/learnables/learn2learn/issues/271
import copy

import torch
import torch.nn as nn


def clone_module(module):
    """A copy whose parameters are clones of the original's: differentiable
    functions of them (so not leaves), as MAML needs for its outer update."""
    clone = copy.deepcopy(module)
    for source, target in zip(module.modules(), clone.modules()):
        for name, param in source._parameters.items():
            if param is not None:
                target._parameters[name] = param.clone()
    return clone


def update_module(module, lr):
    for sub in module.modules():
        for name, param in sub._parameters.items():
            if param is not None and getattr(param, "update", None) is not None:
                sub._parameters[name] = param - lr * param.update


class MAML(nn.Module):
    def __init__(self, model, lr):
        super().__init__()
        self.module = model
        self.lr = lr

    def forward(self, *args):
        return self.module(*args)

    def clone(self):
        return MAML(clone_module(self.module), self.lr)

    def adapt(self, loss):
        params = [p for p in self.module.parameters() if p.requires_grad]
        grads = torch.autograd.grad(loss, params, create_graph=True)
        for param, grad in zip(params, grads):
            param.update = grad
        update_module(self.module, self.lr)
