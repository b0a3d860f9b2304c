# source: https://github.com/keras-team/keras-core/pull/417
# The torch backend's stop_gradient op turned the input's requires_grad off in
# place; given a computed tensor (inside a model's graph), torch refuses.
import torch


def convert_to_tensor(x):
    return x if isinstance(x, torch.Tensor) else torch.as_tensor(x)


def stop_gradient(variable):
    return convert_to_tensor(variable).requires_grad_(False)  # error: TL009


w = torch.randn(3, requires_grad=True)
hidden = w * 2.0
target = stop_gradient(hidden)
loss = ((hidden - target) ** 2).sum() + w.sum()
loss.backward()
