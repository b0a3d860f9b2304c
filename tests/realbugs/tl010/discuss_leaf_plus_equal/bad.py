# source: https://discuss.pytorch.org/t/leaf-variable-was-used-in-an-inplace-operation/308
# The thread's example: tensors made directly are leaves, one of them requires
# grad, and it is incremented in place.
import torch

w = torch.tensor([1.0, 2.0, 3.0])
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x + 1
print(w.is_leaf, x.is_leaf, y.is_leaf)
x += 1  # error: TL010
y = x + 1
