# source: https://github.com/pytorch/pytorch/issues/23495
# torch.tensor is used, under another name, as a function that turns lists,
# numbers and tensors alike into tensors.
import torch

ensure_tensor = torch.tensor

print(ensure_tensor([1, 3, 5]))
print(ensure_tensor(3.0))
print(ensure_tensor(torch.tensor(1.0)))  # error: TL004
