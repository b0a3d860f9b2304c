# source: https://github.com/HorizonRobotics/alf/pull/1553
# Fixed as the pull request does: the layer no longer sets requires_grad on a
# clone; it registers the summary hook (on a clone) only when its input already
# requires grad.
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
        self._name = "tensor_gradient/{}".format(name)

    def forward(self, x):
        return summarize_tensor_gradients(self._name, x, clone=True)


net = nn.Sequential(nn.Linear(4, 8), SummarizeGradient("hidden"), nn.ReLU(), nn.Linear(8, 2))
out = net(torch.randn(3, 4))
out.sum().backward()
print(SUMMARIES)
