# source: https://github.com/pytorch/pytorch/issues/53466
# The torch.enable_grad documentation example as the reporter ran it: an integer
# tensor made to require grad, doubled inside no_grad/enable_grad, then by a
# function decorated with @torch.enable_grad().
import torch

x = torch.tensor([1.], requires_grad=True)
with torch.no_grad():
    with torch.enable_grad():
        y = x * 2
print(y.requires_grad)
y.backward()
print(x.grad)


@torch.enable_grad()
def doubler(x):
    return x * 2


with torch.no_grad():
    z = doubler(x)
print(z.requires_grad)
