# case: F.softmax written inside F.cross_entropy
import torch
import torch.nn.functional as F

logits = torch.randn(8, 5)
labels = torch.randint(0, 5, (8,))
loss = F.cross_entropy(F.softmax(logits, dim=1), labels)  # error: TL107 col 10

# case: a model whose forward ends in softmax, trained with nn.CrossEntropyLoss
import torch
import torch.nn as nn
import torch.nn.functional as F


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 3)

    def forward(self, x):
        return F.softmax(self.fc(x), dim=1)


model = Classifier()
criterion = nn.CrossEntropyLoss()
x = torch.randn(6, 4)
y = torch.randint(0, 3, (6,))
loss = criterion(model(x), y)  # error: TL107 col 8

# case: nn.Softmax as the last layer of an nn.Sequential
import torch
import torch.nn as nn

net = nn.Sequential(nn.Linear(10, 4), nn.ReLU(), nn.Linear(4, 2), nn.Softmax(dim=1))
loss_fn = nn.CrossEntropyLoss()
out = net(torch.randn(5, 10))
loss = loss_fn(out, torch.randint(0, 2, (5,)))  # error: TL107 col 8

# case: probabilities from the tensor method .softmax, in a training loop
import torch
import torch.nn as nn

model = nn.Linear(3, 4)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
criterion = nn.CrossEntropyLoss()
x = torch.randn(10, 3)
y = torch.randint(0, 4, (10,))
for epoch in range(2):
    probs = model(x).softmax(dim=-1)
    loss = criterion(probs, y)  # error: TL107 col 12
    opt.zero_grad()
    loss.backward()
    opt.step()

# case: torch.softmax in a helper, the loss computed in the caller
import torch
import torch.nn.functional as F


def predict(weights, features):
    return torch.softmax(features @ weights, dim=1)


w = torch.randn(4, 3, requires_grad=True)
p = predict(w, torch.randn(7, 4))
loss = F.cross_entropy(p, torch.randint(0, 3, (7,)))  # error: TL107 col 10

# case: the loss module kept on the trainer, called in its step
import torch
import torch.nn as nn


class Trainer:
    def __init__(self):
        self.model = nn.Sequential(nn.Linear(6, 3), nn.Softmax(dim=1))
        self.criterion = nn.CrossEntropyLoss()

    def step(self, x, y):
        out = self.model(x)
        return self.criterion(out, y)  # error: TL107 col 21


trainer = Trainer()
loss = trainer.step(torch.randn(4, 6), torch.randint(0, 3, (4,)))

# case: the input given by keyword
import torch
import torch.nn.functional as F

scores = torch.randn(3, 4)
target = torch.tensor([0, 3, 1])
loss = F.cross_entropy(input=F.softmax(scores, dim=-1), target=target)  # error: TL107 col 10

# case: nn.Softmax module called on its own, then the loss
import torch
import torch.nn as nn

softmax = nn.Softmax(dim=1)
criterion = nn.CrossEntropyLoss()
logits = torch.randn(4, 6)
loss = criterion(softmax(logits), torch.randint(0, 6, (4,)))  # error: TL107 col 8

# case: the logits to cross_entropy, softmax only for the predictions
import torch
import torch.nn.functional as F

logits = torch.randn(8, 5)
labels = torch.randint(0, 5, (8,))
loss = F.cross_entropy(logits, labels)
probs = F.softmax(logits, dim=1)

# case: log_softmax into nll_loss
import torch
import torch.nn.functional as F

logits = torch.randn(8, 5)
loss = F.nll_loss(F.log_softmax(logits, dim=1), torch.randint(0, 5, (8,)))

# case: log_softmax into cross_entropy is harmless (log-softmax is idempotent)
import torch
import torch.nn.functional as F

logits = torch.randn(8, 5)
loss = F.cross_entropy(F.log_softmax(logits, dim=1), torch.randint(0, 5, (8,)))

# case: softmax probabilities into nll_loss after a log
import torch
import torch.nn.functional as F

probs = F.softmax(torch.randn(4, 3), dim=1)
loss = F.nll_loss(torch.log(probs), torch.tensor([0, 1, 2, 0]))

# case: a model that returns logits, with softmax only at inference
import torch
import torch.nn as nn
import torch.nn.functional as F


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 3)

    def forward(self, x):
        return self.fc(x)


model = Classifier()
loss = nn.CrossEntropyLoss()(model(torch.randn(6, 4)), torch.randint(0, 3, (6,)))
with torch.no_grad():
    prediction = F.softmax(model(torch.randn(1, 4)), dim=1).argmax(1)

# case: soft targets from softmax are the second argument, not the input
import torch
import torch.nn.functional as F

teacher = torch.randn(4, 3)
student = torch.randn(4, 3)
loss = F.cross_entropy(student, F.softmax(teacher, dim=1))

# case: softmax on one path, logits on the other: not certain
import torch
import torch.nn.functional as F


def head(x, calibrated):
    out = x @ torch.randn(4, 3)
    if calibrated:
        out = F.softmax(out, dim=1)
    return out


loss = F.cross_entropy(head(torch.randn(5, 4), False), torch.randint(0, 3, (5,)))

# case: MSE on softmax probabilities is not cross-entropy
import torch
import torch.nn as nn
import torch.nn.functional as F

probs = F.softmax(torch.randn(4, 3), dim=1)
loss = nn.MSELoss()(probs, torch.eye(3)[torch.tensor([0, 1, 2, 0])])

# case: an nn.Sequential built with add_module ends in a softmax (PyTorch-Mini-Tutorials)
import torch

model = torch.nn.Sequential()
model.add_module("linear", torch.nn.Linear(8, 3))
model.add_module("softmax", torch.nn.Softmax(dim=1))
loss = torch.nn.CrossEntropyLoss()
x, y = torch.randn(4, 8), torch.randint(0, 3, (4,))
output = loss(model(x), y)  # error: TL107 col 10

# case: an nn.Sequential built with add_module ends in a linear layer: logits
import torch

model = torch.nn.Sequential()
model.add_module("linear_1", torch.nn.Linear(8, 16))
model.add_module("softmax", torch.nn.Softmax(dim=1))
model.add_module("linear_2", torch.nn.Linear(16, 3))
loss = torch.nn.CrossEntropyLoss()
x, y = torch.randn(4, 8), torch.randint(0, 3, (4,))
output = loss(model(x), y)

# case: exp of an nn.LogSoftmax's output is a softmax, viewed as one row of scores
import torch
import torch.nn as nn


class Ranker(nn.Module):
    def __init__(self):
        super().__init__()
        self.score = nn.Linear(6, 1)
        self.log_softmax = nn.LogSoftmax(dim=0)

    def forward(self, candidates, target):
        probabilities = torch.exp(self.log_softmax(self.score(candidates).squeeze(-1)))
        loss = nn.CrossEntropyLoss()(probabilities.view(1, -1), target)  # error: TL107 col 16
        return loss


Ranker()(torch.randn(5, 6), torch.tensor([2]))

# case: a log-softmax given to cross_entropy is not probabilities (log-softmax of it changes nothing)
import torch
import torch.nn.functional as F

scores = torch.randn(4, 5, requires_grad=True)
loss = F.cross_entropy(F.log_softmax(scores, dim=1), torch.randint(0, 5, (4,)))

# case: a loop over the rows of a batch's softmax (over the last dim): each row is probabilities
import torch
import torch.nn as nn

criterion = nn.CrossEntropyLoss(reduction="sum")
scores = torch.randn(2, 6, 6, requires_grad=True)
outputs = torch.softmax(scores, -1)
total = 0
for out in outputs:
    total = total + criterion(out, torch.arange(6))  # error: TL107 col 21

# case: one row of a softmax taken by an integer index, in a comprehension
import torch
import torch.nn.functional as F

logits = torch.randn(3, 4, 5)
probs = logits.softmax(dim=2)
losses = [F.cross_entropy(p, torch.zeros(4, dtype=torch.long)) for p in probs]  # error: TL107 col 13

# case: a row of a softmax over dim 1 of a 3-d tensor is not a distribution over its last size
import torch
import torch.nn.functional as F

logits = torch.randn(2, 5, 7)
probs = F.softmax(logits, dim=1)
for row in probs:
    loss = F.cross_entropy(row, torch.zeros(5, dtype=torch.long))

# case: a loop over the rows of the logits, with the softmax taken for the metrics only
import torch
import torch.nn.functional as F

logits = torch.randn(2, 4, 3, requires_grad=True)
confidence = F.softmax(logits, dim=-1).amax(-1)
for row in logits:
    loss = F.cross_entropy(row, torch.zeros(4, dtype=torch.long))

# case: an nn.Softmax layer without a dim, looped over: which dim it took is not known
import torch
import torch.nn as nn

probs = nn.Softmax()(torch.randn(3, 4, 5))
for p in probs:
    loss = nn.CrossEntropyLoss()(p, torch.zeros(4, dtype=torch.long))
