# source: https://github.com/pytorch/pytorch/issues/727
# Fixed as the maintainer answers: drop the inplace flags (a leaf cannot be
# modified in place).
import numpy as np
import torch
import torch.nn.functional as F
from torch.autograd import Variable

x = Variable(torch.from_numpy(np.random.randn(4, 6, 10, 10)).float(), requires_grad=True)
y = F.relu(x)
y = F.dropout(y, p=0.1)
result = torch.sum(y)
result.backward()
print(x.grad.shape)
