# source: https://github.com/pytorch/pytorch/issues/54765
# The reporter changes the network during training: net1 is made, its Adam
# optimizer built, then net1 is bound to another network and trained. They
# asked whether the optimizer must be made again; it must: the fix makes it
# again for the new network.
import torch
import torch.nn as nn
import torch.optim as optim


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        return self.fc(x)


class Net2(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 8)
        self.fc2 = nn.Linear(8, 2)

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x)))


net1 = Net()  # 1st network
optimizer = optim.Adam(net1.parameters(), lr=3e-2)

print("================================================")
# some other code......

net1 = Net2()  # another network
optimizer = optim.Adam(net1.parameters(), lr=3e-2)
x, y = torch.randn(16, 4), torch.randn(16, 2)
for step in range(3):
    optimizer.zero_grad()
    loss = ((net1(x) - y) ** 2).mean()
    loss.backward()
    optimizer.step()
