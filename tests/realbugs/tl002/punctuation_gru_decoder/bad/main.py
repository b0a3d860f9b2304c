# source: https://github.com/geyang/deep-auto-punctuation/issues/3
# train.py builds the bidirectional batch-first GRU of model.py and feeds it
# one-hot character batches.
import torch
import torch.nn as nn

from model import GruRNN

char_size, batch_size, seq_len = 40, 4, 12
model = GruRNN(char_size, 64, 5, batch_size=batch_size, layers=1, bi=True)
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

hidden = model.init_hidden()
for step in range(2):
    chars = torch.randint(0, char_size, (batch_size, seq_len))
    one_hot = nn.functional.one_hot(chars, char_size).float()
    target = torch.randint(0, 5, (batch_size, seq_len))
    hidden = hidden.detach()
    optimizer.zero_grad()
    output, hidden = model(one_hot, hidden)
    loss = loss_fn(output.view(-1, 5), target.view(-1))
    loss.backward()
    optimizer.step()
