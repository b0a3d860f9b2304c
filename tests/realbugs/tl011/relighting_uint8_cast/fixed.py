# source: https://github.com/pytorch/pytorch/issues/144063
# Fixed with the reporter's floating-point version: the image stays float,
# alpha and beta are applied to it and the result is clamped to 0..255, so the
# loss on the relit image has a gradient back to the generator.
import torch
import torch.nn as nn


def apply_relighting_tensor(tensor, alpha, beta):
    tensor_float = tensor * 255.0
    new_tensor = tensor_float * alpha + beta
    new_tensor = torch.clamp(new_tensor, 0, 255)
    new_tensor = new_tensor / 255.0
    return new_tensor


torch.manual_seed(0)
generator = nn.Sequential(nn.Linear(8, 3 * 4 * 4), nn.Sigmoid())
optimizer = torch.optim.Adam(generator.parameters(), lr=1e-3)
z = torch.randn(2, 8)
target = torch.rand(2, 3 * 4 * 4)

image = generator(z)
relit = apply_relighting_tensor(image, 1.2, 10.0)
loss = ((relit - target) ** 2).mean()
optimizer.zero_grad()
loss.backward()
optimizer.step()
