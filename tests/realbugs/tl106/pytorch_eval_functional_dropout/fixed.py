# source: https://github.com/pytorch/pytorch/issues/26338
# As the maintainers answered: the functional dropout needs training= set
# from the module's mode.
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()

    def forward(self, x):
        x = F.dropout(x, training=self.training)
        return x


net = Net()
a = torch.ones(10)
train_out = net(a)
net.eval()
eval_out = net(a)
