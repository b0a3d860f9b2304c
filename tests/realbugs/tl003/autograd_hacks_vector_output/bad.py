# source: https://github.com/cybertronai/autograd-hacks/issues/7
# Per-example gradients with autograd-hacks: hooks capture activations and
# backprops; the reporter's model outputs a vector per example.
import torch
import torch.nn as nn


def add_hooks(model):
    for layer in model.modules():
        if isinstance(layer, nn.Linear):
            layer.register_forward_hook(lambda m, inp, out: setattr(m, "activations", inp[0].detach()))
            layer.register_full_backward_hook(lambda m, gin, gout: setattr(m, "backprops", gout[0].detach()))


def compute_grad1(model):
    for layer in model.modules():
        if isinstance(layer, nn.Linear):
            layer.weight.grad1 = torch.einsum("ni,nj->nij", layer.backprops, layer.activations)


model = nn.Sequential(nn.Linear(10, 32), nn.Tanh(), nn.Linear(32, 4))
add_hooks(model)
data = torch.randn(8, 10)
output = model(data)
output.backward()  # error: TL003
compute_grad1(model)
