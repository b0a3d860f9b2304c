# source: https://github.com/pytorch/pytorch/issues/144063
# A relighting step modelled on an 8-bit brightness/contrast change: the image
# is scaled to 0..255 and cast to uint8 before alpha and beta are applied, then
# turned back into a float image. The reporter's optimizer gets no gradient
# through it; here a small generator's image is relit and a loss taken on it.
import torch
import torch.nn as nn


def apply_relighting_tensor(tensor, alpha, beta):
    tensor = tensor * 255.0
    new_tensor = tensor.to(torch.uint8)
    new_tensor = new_tensor * alpha + beta / 255.0
    new_tensor = torch.abs(new_tensor)
    new_tensor = new_tensor.to(torch.float32)
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
loss.backward()  # error: TL011
optimizer.step()
