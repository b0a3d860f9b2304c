# source: https://tjhub.jdoodle.com/post/runtimeerror-grad-can-be-implicitly-created-only-for-scalar
# The post's scenario: two separate loss vectors are concatenated and backward is
# called on the result.
import torch

x = torch.randn(3, requires_grad=True)
y = torch.randn(3, requires_grad=True)
loss = torch.cat([x, y])
loss.sum().backward()
