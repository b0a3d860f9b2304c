# source: https://github.com/pytorch/pytorch/issues/7021
# Fixed as the maintainers answer: indices have no gradient; backpropagate to
# the embedding's weight and leave the indices as they are.
import torch

embedding = torch.nn.Embedding(10, 3)
embedding(torch.LongTensor([0]))[0, 0].backward()
print(embedding.weight.grad[0])

linear = torch.nn.Linear(10, 3)
linear(torch.rand(10).requires_grad_())[0].backward()
