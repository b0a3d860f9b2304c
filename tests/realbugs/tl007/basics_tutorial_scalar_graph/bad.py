# source: https://github.com/yunjey/pytorch-tutorial/pull/128
# The basics tutorial's first autograd example: three scalar tensors made from
# int literals with requires_grad=True, a graph y = w * x + b, backward, and the
# gradients printed; then a linear layer trained for one step.
import torch
import torch.nn as nn

x = torch.tensor(1, requires_grad=True)  # error: TL007
w = torch.tensor(2, requires_grad=True)  # also: TL007
b = torch.tensor(3, requires_grad=True)  # also: TL007

y = w * x + b
y.backward()
print(x.grad)
print(w.grad)
print(b.grad)

x = torch.randn(10, 3)
y = torch.randn(10, 2)
linear = nn.Linear(3, 2)
criterion = nn.MSELoss()
optimizer = torch.optim.SGD(linear.parameters(), lr=0.01)
pred = linear(x)
loss = criterion(pred, y)
print('loss: ', loss.item())
loss.backward()
optimizer.step()
