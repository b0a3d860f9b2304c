# source: https://github.com/pytorch/pytorch/issues/19778
# The same values made as a (2, 1, 1) tensor directly, and as a vector with
# requires_grad=True viewed to (2, 1, 1); the viewed one's gradient is None.
import torch

X = torch.tensor([[[0.25]], [[0.75]]], requires_grad=True)
print(f"X.shape: {X.shape}")
X.sum().backward()
print(f"X.grad: {X.grad}")

X_view = torch.tensor([0.25, 0.75], requires_grad=True).view(2, 1, 1)
print(f"X_view.shape: {X_view.shape}")
X_view.sum().backward()
print(f"X_view.grad: {X_view.grad}")  # error: TL006
print(f"X_view.grad is None: {X_view.grad is None}")  # also: TL006
