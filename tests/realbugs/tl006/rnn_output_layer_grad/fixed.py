# source: https://discuss.pytorch.org/t/trying-to-understand-why-output-of-nn-linear-for-output-layer-isnt-retaining/40116
# Fixed: retain_grad() on the output before backward keeps its gradient.
import torch
import torch.nn as nn

device = torch.device('cpu')


class SingleRNN(nn.Module):
    def __init__(self, n_inputs, n_outputsize):
        super(SingleRNN, self).__init__()
        numHU = 2
        bias = False
        self.Wxh = nn.Linear(in_features=n_inputs, out_features=numHU, bias=bias)
        self.Whh = nn.Linear(in_features=numHU + self.Wxh.out_features, out_features=numHU, bias=bias)
        self.Why = nn.Linear(in_features=numHU, out_features=n_outputsize, bias=bias)

    def forward(self, X0, H0):
        L0_X = self.Wxh(X0)
        L1_H = self.Whh(torch.cat((L0_X, H0), dim=1))
        L2_Y = self.Why(L1_H)
        return L2_Y, L1_H


model = SingleRNN(3, 1).to(device)
X0 = torch.randn(4, 3)
H0 = torch.zeros(4, 2)
Y, H = model(X0, H0)
Y.retain_grad()
loss = ((Y - torch.ones(4, 1)) ** 2).mean()
loss.backward()
print(model.Why.weight.grad)
print(Y.grad)
