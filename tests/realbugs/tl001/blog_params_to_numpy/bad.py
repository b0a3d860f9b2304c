# source: https://androidkt.com/fix-cant-call-numpy-on-tensor-that-requires-grad-use-tensor-detach-numpy-instead/
# The tutorial's parameters tensor tracks its history with requires_grad=True and
# is then printed as a NumPy array.
import torch

params = torch.tensor([1, 2, 3.], requires_grad=True)
out = (params * 2).sum()
out.backward()
print(params.numpy())  # error: TL001
