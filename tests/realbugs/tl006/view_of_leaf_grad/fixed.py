# source: https://github.com/pytorch/pytorch/issues/19778
# Fixed as the maintainers explain: the gradient lives on the leaf that was made
# with requires_grad=True; keep it and read its .grad (the view is not a leaf).
import torch

X = torch.tensor([[[0.25]], [[0.75]]], requires_grad=True)
print(f"X.shape: {X.shape}")
X.sum().backward()
print(f"X.grad: {X.grad}")

X_leaf = torch.tensor([0.25, 0.75], requires_grad=True)
X_view = X_leaf.view(2, 1, 1)
print(f"X_view.shape: {X_view.shape}")
X_view.sum().backward()
print(f"X_leaf.grad: {X_leaf.grad}")
print(f"X_leaf.grad is None: {X_leaf.grad is None}")
