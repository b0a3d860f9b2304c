# case: an RNN's hidden state carried from batch to batch without .detach()
import torch

W = torch.randn(4, 4, requires_grad=True)
U = torch.randn(3, 4, requires_grad=True)
h = torch.zeros(2, 4)
for step in range(3):
    x = torch.randn(2, 3)
    h = torch.tanh(x @ U + h @ W)
    loss = h.pow(2).mean()
    loss.backward()  # error: TL105 col 10

# case: a recurrent module of the file called with the hidden state it returned
import torch
import torch.nn as nn


class Cell(nn.Module):
    def __init__(self):
        super().__init__()
        self.i2h = nn.Linear(3, 5)
        self.h2h = nn.Linear(5, 5)

    def forward(self, x, h):
        return torch.tanh(self.i2h(x) + self.h2h(h))


cell = Cell()
optimizer = torch.optim.SGD(cell.parameters(), lr=0.01)
hidden = torch.zeros(2, 5)
for batch in range(3):
    optimizer.zero_grad()
    hidden = cell(torch.randn(2, 3), hidden)
    loss = hidden.sum()
    loss.backward()  # error: TL105 col 10
    optimizer.step()

# case: an nn.LSTM whose (h, c) goes on to the next batch
import torch
import torch.nn as nn

lstm = nn.LSTM(input_size=3, hidden_size=4)
head = nn.Linear(4, 1)
state = (torch.zeros(1, 2, 4), torch.zeros(1, 2, 4))
for i in range(3):
    seq = torch.randn(5, 2, 3)
    out, state = lstm(seq, state)
    loss = head(out).pow(2).mean()
    loss.backward()  # error: TL105 col 10

# case: a running value of the loss, backpropagated each round
import torch
import torch.nn as nn

model = nn.Linear(3, 1)
avg = torch.zeros(())
for i in range(3):
    loss = model(torch.randn(4, 3)).pow(2).mean()
    avg = 0.9 * avg + 0.1 * loss
    avg.backward()  # error: TL105 col 9

# case: a running value that starts as a number
import torch
import torch.nn as nn

model = nn.Linear(3, 1)
avg = 0.0
for i in range(3):
    loss = model(torch.randn(4, 3)).pow(2).mean()
    avg = 0.9 * avg + 0.1 * loss
    avg.backward()  # error: TL105 col 9

# case: an nn.RNN's hidden state that starts as None
import torch
import torch.nn as nn

rnn = nn.RNN(input_size=1, hidden_size=8, batch_first=True)
head = nn.Linear(8, 1)
h_state = None
for step in range(3):
    x = torch.randn(1, 10, 1)
    out, h_state = rnn(x, h_state)
    loss = head(out).pow(2).mean()
    loss.backward()  # error: TL105 col 10

# case: a forward pass computed once, its loss backpropagated in the loop
import torch

W = torch.randn(6, 6, requires_grad=True)
xenc = torch.randn(4, 6)
loss = (xenc @ W).exp().mean()
for k in range(3):
    W.grad = None
    loss.backward()  # error: TL105 col 10
    W.data += -0.1 * W.grad

# case: two losses sharing an intermediate, each with its backward
import torch

x = torch.randn(3, requires_grad=True)
y = x.exp()
loss1 = y.sum()
loss2 = (y * 2).sum()
loss1.backward()
loss2.backward()  # error: TL105 col 7

# case: the same loss backpropagated twice
import torch
import torch.nn as nn

net = nn.Linear(2, 2)
loss = net(torch.randn(3, 2)).sigmoid().mean()
loss.backward()
loss.backward()  # error: TL105 col 6

# case: a GAN's generator output given to the discriminator step without .detach()
import torch
import torch.nn as nn

G = nn.Sequential(nn.Linear(2, 4), nn.Tanh())
D = nn.Sequential(nn.Linear(4, 1), nn.Sigmoid())
bce = nn.BCELoss()
z = torch.randn(8, 2)
fake = G(z)
d_loss = bce(D(fake), torch.zeros(8, 1))
d_loss.backward()
g_loss = bce(D(fake), torch.ones(8, 1))
g_loss.backward()  # error: TL105 col 8

# case: the hidden state carried inside a training function the script calls
import torch
import torch.nn as nn


def train(rnn, head, batches):
    hidden = torch.zeros(1, 2, 4)
    for seq in batches:
        out, hidden = rnn(seq, hidden)
        loss = head(out[-1]).pow(2).mean()
        loss.backward()  # error: TL105 col 14


train(nn.GRU(3, 4), nn.Linear(4, 1), [torch.randn(5, 2, 3) for _ in range(3)])

# case: torch.autograd.backward through a graph a backward() freed
import torch

w = torch.randn(3, requires_grad=True)
y = (w * w).sum()
y.backward()
torch.autograd.backward(y)  # error: TL105 col 16

# case: a while loop carrying its state
import torch

w = torch.randn(2, 2, requires_grad=True)
s = torch.ones(2)
n = 0
while n < 3:
    s = torch.sigmoid(w @ s)
    s.sum().backward()  # error: TL105 col 13
    n += 1

# case: the hidden state detached at the start of each round
import torch

W = torch.randn(4, 4, requires_grad=True)
U = torch.randn(3, 4, requires_grad=True)
h = torch.zeros(2, 4)
for step in range(3):
    h = h.detach()
    h = torch.tanh(torch.randn(2, 3) @ U + h @ W)
    loss = h.pow(2).mean()
    loss.backward()

# case: the hidden state detached in place at the start of each round
import torch

W = torch.randn(4, 4, requires_grad=True)
h = torch.zeros(2, 4)
for step in range(3):
    h.detach_()
    h = torch.tanh(torch.randn(2, 4) + h @ W)
    h.sum().backward()

# case: an LSTM's (h, c) detached in place item by item
import torch
import torch.nn as nn

lstm = nn.LSTM(3, 4)
hidden = (torch.zeros(1, 2, 4), torch.zeros(1, 2, 4))
for i in range(3):
    for s in hidden:
        s.detach_()
    out, hidden = lstm(torch.randn(5, 2, 3), hidden)
    out.sum().backward()

# case: the hidden state made anew for each batch
import torch
import torch.nn as nn

lstm = nn.LSTM(input_size=3, hidden_size=4)
for i in range(3):
    state = (torch.zeros(1, 2, 4), torch.zeros(1, 2, 4))
    out, state = lstm(torch.randn(5, 2, 3), state)
    out.pow(2).mean().backward()

# case: retain_graph=True on the first of two backward passes
import torch

x = torch.randn(3, requires_grad=True)
y = x.exp()
y.sum().backward(retain_graph=True)
(y * 2).sum().backward()

# case: two losses added, one backward
import torch

x = torch.randn(3, requires_grad=True)
y = x.exp()
loss1 = y.sum()
loss2 = (y * 2).sum()
(loss1 + loss2).backward()

# case: a carried sum of additions keeps no saved tensors: torch runs it again
import torch

w = torch.randn(3, requires_grad=True)
h = torch.zeros(3)
for step in range(3):
    h = h + w
    loss = (h * 2).sum()
    loss.backward()

# case: the running value kept as a number
import torch
import torch.nn as nn

model = nn.Linear(3, 1)
avg = 0.0
for i in range(3):
    loss = model(torch.randn(4, 3)).pow(2).mean()
    loss.backward()
    avg = 0.9 * avg + 0.1 * loss.item()

# case: an nn.RNN's hidden state taken as .data each round
import torch
import torch.nn as nn

rnn = nn.RNN(input_size=1, hidden_size=8, batch_first=True)
head = nn.Linear(8, 1)
h_state = None
for step in range(3):
    out, h_state = rnn(torch.randn(1, 10, 1), h_state)
    h_state = h_state.data
    head(out).pow(2).mean().backward()

# case: the carried state updated without grad
import torch
import torch.nn as nn

model = nn.Linear(3, 3)
ema = torch.zeros(3)
for i in range(3):
    out = model(torch.randn(2, 3))
    out.tanh().mean().backward()
    with torch.no_grad():
        ema = 0.9 * ema + 0.1 * out.mean(0)

# case: a GAN's discriminator step on fake.detach()
import torch
import torch.nn as nn

G = nn.Sequential(nn.Linear(2, 4), nn.Tanh())
D = nn.Sequential(nn.Linear(4, 1), nn.Sigmoid())
bce = nn.BCELoss()
fake = G(torch.randn(8, 2))
d_loss = bce(D(fake.detach()), torch.zeros(8, 1))
d_loss.backward()
g_loss = bce(D(fake), torch.ones(8, 1))
g_loss.backward()

# case: a backward on one branch, the second on the other
import torch
import random

x = torch.randn(3, requires_grad=True)
y = x.exp()
if random.random() < 2:
    y.sum().backward()
else:
    (y * 2).sum().backward()

# case: torch.autograd.grad with respect to the non-leaf itself runs no freed node
import torch

w = torch.randn(3, requires_grad=True)
y = w.exp()
(y * 3).sum().backward()
g = torch.autograd.grad(y.sum(), y)

# case: create_graph=True keeps the graph for a second derivative
import torch

x = torch.randn(3, requires_grad=True)
y = (x ** 3).sum()
y.backward(create_graph=True)
x.grad.sum().backward()

# case: the hidden state carried across rounds while each round's outputs are collected in a list and stacked (MorvanZhou's RNN tutorial)
import torch
import torch.nn as nn


class RNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.RNN(input_size=1, hidden_size=8, batch_first=True)
        self.out = nn.Linear(8, 1)

    def forward(self, x, h_state):
        r_out, h_state = self.rnn(x, h_state)
        outs = []
        for time_step in range(r_out.size(1)):
            outs.append(self.out(r_out[:, time_step, :]))
        return torch.stack(outs, dim=1), h_state


rnn = RNN()
optimizer = torch.optim.Adam(rnn.parameters(), lr=0.02)
h_state = None
for step in range(3):
    x, y = torch.randn(1, 10, 1), torch.randn(1, 10, 1)
    prediction, h_state = rnn(x, h_state)
    loss = ((prediction - y) ** 2).mean()
    optimizer.zero_grad()
    loss.backward()  # error: TL105 col 10
    optimizer.step()

# case: forward keeps the LSTM's state on the module (self.hidden), read again by the next batch's forward
import torch
import torch.nn as nn


class Tagger(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(6, 8, batch_first=True)
        self.linear = nn.Linear(8, 1)
        self.hidden = (torch.zeros(1, 4, 8), torch.zeros(1, 4, 8))

    def forward(self, x):
        out, self.hidden = self.lstm(x, self.hidden)
        return self.linear(out[:, -1, :])


model = Tagger()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for step in range(3):
    optimizer.zero_grad()
    loss = model(torch.randn(4, 5, 6)).pow(2).mean()
    loss.backward()  # error: TL105 col 10
    optimizer.step()

# case: the state kept on the module is detached in forward before it is stored
import torch
import torch.nn as nn


class Tagger(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.GRU(6, 8, batch_first=True)
        self.linear = nn.Linear(8, 1)
        self.hidden = torch.zeros(1, 4, 8)

    def forward(self, x):
        out, hidden = self.rnn(x, self.hidden)
        self.hidden = hidden.detach()
        return self.linear(out[:, -1, :])


model = Tagger()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for step in range(3):
    optimizer.zero_grad()
    loss = model(torch.randn(4, 5, 6)).pow(2).mean()
    loss.backward()
    optimizer.step()

# case: the state kept on the module is reset by a method of the module at the start of each batch
import torch
import torch.nn as nn


class Tagger(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.GRU(6, 8, batch_first=True)
        self.linear = nn.Linear(8, 1)
        self.hidden = torch.zeros(1, 4, 8)

    def reset(self):
        self.hidden = torch.zeros(1, 4, 8)

    def forward(self, x):
        out, self.hidden = self.rnn(x, self.hidden)
        return self.linear(out[:, -1, :])


model = Tagger()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for step in range(3):
    model.reset()
    optimizer.zero_grad()
    loss = model(torch.randn(4, 5, 6)).pow(2).mean()
    loss.backward()
    optimizer.step()

# case: the state is reset through code the linter does not follow
import torch
import torch.nn as nn


class Tagger(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.GRU(6, 8, batch_first=True)
        self.linear = nn.Linear(8, 1)
        self.hidden = torch.zeros(1, 4, 8)

    def forward(self, x):
        out, self.hidden = self.rnn(x, self.hidden)
        return self.linear(out[:, -1, :])


model = Tagger()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for step in range(3):
    vars(model)["hidden"] = torch.zeros(1, 4, 8)
    optimizer.zero_grad()
    loss = model(torch.randn(4, 5, 6)).pow(2).mean()
    loss.backward()
    optimizer.step()

# case: the state is reset through a name the linter cannot follow, by a method of the module's class
import torch
import torch.nn as nn


class Tagger(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.GRU(6, 8, batch_first=True)
        self.linear = nn.Linear(8, 1)
        self.hidden = torch.zeros(1, 4, 8)

    def reset(self):
        self.hidden = torch.zeros(1, 4, 8)

    def forward(self, x):
        out, self.hidden = self.rnn(x, self.hidden)
        return self.linear(out[:, -1, :])


model = Tagger()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for step in range(3):
    globals()["model"].reset()
    optimizer.zero_grad()
    loss = model(torch.randn(4, 5, 6)).pow(2).mean()
    loss.backward()
    optimizer.step()
