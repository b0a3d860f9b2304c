# source: https://github.com/pytorch/pytorch/issues/26338
# The reporter's minimal net: forward applies F.dropout(x) and nothing else.
# After net.eval() the output on a tensor of ones still has zeros and twos:
# model.eval() does not turn a functional dropout off.
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()

    def forward(self, x):
        x = F.dropout(x)  # error: TL106
        return x


net = Net()
a = torch.ones(10)
train_out = net(a)
net.eval()
eval_out = net(a)
