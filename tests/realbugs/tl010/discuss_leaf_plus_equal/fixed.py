# source: https://discuss.pytorch.org/t/leaf-variable-was-used-in-an-inplace-operation/308
# Fixed as the answer says: the increment is not meant to be differentiated,
# so it runs under torch.no_grad().
import torch

w = torch.tensor([1.0, 2.0, 3.0])
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x + 1
print(w.is_leaf, x.is_leaf, y.is_leaf)
with torch.no_grad():
    x += 1
y = x + 1
