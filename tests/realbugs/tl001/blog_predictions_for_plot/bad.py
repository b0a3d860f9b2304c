# source: https://tutorialreference.com/python/examples/faq/python-pytorch-error-runtimeerror-cant-call-numpy-on-tensor-that-requires-grad-detach
# The guide's setting: a tensor computed from parameters that require grad is
# converted to a NumPy array for plotting; its fixes are detach() or torch.no_grad().
import torch

weights = torch.randn(3, requires_grad=True)
bias = torch.zeros(1, requires_grad=True)
inputs = torch.linspace(-1, 1, 20).unsqueeze(1).repeat(1, 3)

predictions = inputs @ weights + bias
xs = inputs[:, 0].numpy()
ys = predictions.numpy()  # error: TL001
