# source: https://github.com/pytorch/examples/pull/779
# Fixed as in the pull request: the update goes through p.data.
import torch
import torch.nn as nn


class RNNModel(nn.Module):
    def __init__(self, ntoken=10, ninp=8, nhid=8):
        super().__init__()
        self.encoder = nn.Embedding(ntoken, ninp)
        self.rnn = nn.LSTM(ninp, nhid)
        self.decoder = nn.Linear(nhid, ntoken)

    def forward(self, input):
        output, _ = self.rnn(self.encoder(input))
        return self.decoder(output)


def train(model, data, targets, lr=20.0, clip=0.25):
    model.train()
    criterion = nn.CrossEntropyLoss()
    model.zero_grad()
    output = model(data)
    loss = criterion(output.view(-1, 10), targets.view(-1))
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), clip)
    for p in model.parameters():
        p.data.add_(p.grad, alpha=-lr)
    return loss.item()


train(RNNModel(), torch.randint(0, 10, (5, 2)), torch.randint(0, 10, (5, 2)))
