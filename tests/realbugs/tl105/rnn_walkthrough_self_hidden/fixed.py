# source: https://github.com/gabrielloye/RNN-walkthrough/issues/3
# The walkthrough's character RNN made a zero hidden state in every forward;
# the reporter kept the state on the model instead (self.hidden), to carry it
# from one training step to the next, detaching it as it goes in, as the
# reporter's working version does.
import torch
import torch.nn as nn


class Model(nn.Module):
    def __init__(self, input_size, output_size, hidden_dim, n_layers):
        super(Model, self).__init__()
        self.hidden_dim = hidden_dim
        self.n_layers = n_layers
        self.rnn = nn.RNN(input_size, hidden_dim, n_layers, batch_first=True)
        self.fc = nn.Linear(hidden_dim, output_size)
        self.hidden = torch.zeros(n_layers, 3, hidden_dim)

    def forward(self, x):
        out, self.hidden = self.rnn(x, self.hidden.detach())
        out = out.contiguous().view(-1, self.hidden_dim)
        return self.fc(out)


model = Model(input_size=5, output_size=5, hidden_dim=12, n_layers=1)
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
input_seq = torch.randn(3, 4, 5)
target_seq = torch.randint(0, 5, (3, 4))
for epoch in range(1, 4):
    optimizer.zero_grad()
    output = model(input_seq)
    loss = criterion(output, target_seq.view(-1).long())
    loss.backward()
    optimizer.step()
