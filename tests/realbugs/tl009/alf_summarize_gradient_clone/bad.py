# source: https://github.com/HorizonRobotics/alf/pull/1553
# ALF's SummarizeGradient layer, put inside a network to log the gradient norm
# of the tensor flowing through it, cloned its input and set requires_grad = True
# on the clone. Placed after a Linear layer, its input requires grad, so the
# clone is not a leaf and torch refuses; the pull request summarizes the
# gradient only when the input already requires grad.
import functools

import torch
import torch.nn as nn

SUMMARIES = {}


def summarize_tensor_gradients(name, tensor, clone=False):
    def _hook(grad, name):
        norm = grad.reshape(grad.shape[0], -1).norm(dim=-1)
        SUMMARIES[name + "/max_norm"] = norm.max().item()
        SUMMARIES[name + "/avg_norm"] = norm.mean().item()

    if tensor.requires_grad:
        if clone:
            tensor = tensor.clone()
        tensor.register_hook(functools.partial(_hook, name=name))
    return tensor


class ElementwiseLayerBase(nn.Module):
    pass


class SummarizeGradient(ElementwiseLayerBase):
    def __init__(self, name):
        super().__init__()
        self._name = name

    def forward(self, x):
        # clone so that turning on requires_grad does not change training
        y = x.clone()
        y.requires_grad = True  # error: TL009
        y = summarize_tensor_gradients("tensor_gradient/{}".format(self._name), y, clone=False)
        return y


net = nn.Sequential(nn.Linear(4, 8), SummarizeGradient("hidden"), nn.ReLU(), nn.Linear(8, 2))
out = net(torch.randn(3, 4))
out.sum().backward()
print(SUMMARIES)
