# source: https://github.com/spro/practical-pytorch/issues/21
# The char-RNN classification tutorial, with the reporter's change: the weights
# are updated by an SGD optimizer built from `rnn` before train() is defined,
# instead of by hand. Results stayed as bad as chance. The reporter then found
# (pytorch/tutorials#86) that the tutorial makes `rnn` a second time; the fix
# removes that second model, as the reporter's pull request did.
import random

import torch
import torch.nn as nn
import torch.optim as optim

all_categories = ["English", "French", "Korean"]
n_letters, n_hidden, n_categories = 8, 16, len(all_categories)


class RNN(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super(RNN, self).__init__()
        self.hidden_size = hidden_size
        self.i2h = nn.Linear(input_size + hidden_size, hidden_size)
        self.i2o = nn.Linear(input_size + hidden_size, output_size)
        self.softmax = nn.LogSoftmax(dim=1)

    def forward(self, input, hidden):
        combined = torch.cat((input, hidden), 1)
        hidden = self.i2h(combined)
        output = self.softmax(self.i2o(combined))
        return output, hidden

    def initHidden(self):
        return torch.zeros(1, self.hidden_size)


rnn = RNN(n_letters, n_hidden, n_categories)


def randomTrainingExample():
    category = random.choice(all_categories)
    category_tensor = torch.tensor([all_categories.index(category)], dtype=torch.long)
    line_tensor = torch.randn(random.randint(2, 5), 1, n_letters)
    return category, category_tensor, line_tensor


criterion = nn.NLLLoss()
optimizer = optim.SGD(rnn.parameters(), lr=0.005)


def train(category_tensor, line_tensor):
    hidden = rnn.initHidden()
    optimizer.zero_grad()
    for i in range(line_tensor.size()[0]):
        output, hidden = rnn(line_tensor[i], hidden)
    loss = criterion(output, category_tensor)
    loss.backward()
    optimizer.step()
    return output, loss.item()


n_iters = 3
for iter in range(1, n_iters + 1):
    category, category_tensor, line_tensor = randomTrainingExample()
    output, loss = train(category_tensor, line_tensor)
