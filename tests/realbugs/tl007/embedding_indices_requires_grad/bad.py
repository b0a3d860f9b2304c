# source: https://github.com/pytorch/pytorch/issues/7021
# Backpropagating through an Embedding: the reporter marks the index tensor
# (a LongTensor) as requiring grad, as one does with a Linear's input.
import torch

embedding = torch.nn.Embedding(10, 3)
embedding(torch.LongTensor([0]).requires_grad_())[0, 0].backward()  # error: TL007

linear = torch.nn.Linear(10, 3)
linear(torch.rand(10).requires_grad_())[0].backward()
