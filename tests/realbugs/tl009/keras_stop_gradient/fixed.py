# source: https://github.com/keras-team/keras-core/pull/417
# Fixed as the pull request does: stop_gradient returns a detached tensor.
import torch


def convert_to_tensor(x):
    return x if isinstance(x, torch.Tensor) else torch.as_tensor(x)


def stop_gradient(variable):
    return convert_to_tensor(variable).detach()


w = torch.randn(3, requires_grad=True)
hidden = w * 2.0
target = stop_gradient(hidden)
loss = ((hidden - target) ** 2).sum() + w.sum()
loss.backward()
