# source: https://github.com/yusugomori/deeplearning-keras-tf2-torch/pull/1
# The seq2seq example transposes the batch to (time, batch) for the recurrent
# encoder-decoder, then flattens the targets with .view(-1) for the loss.
import torch
import torch.nn as nn
import torch.optim as optimizers


class EncoderDecoder(nn.Module):
    def __init__(self, input_dim, hidden_dim, output_dim):
        super().__init__()
        self.encoder_embedding = nn.Embedding(input_dim, hidden_dim)
        self.encoder = nn.LSTM(hidden_dim, hidden_dim)
        self.decoder_embedding = nn.Embedding(output_dim, hidden_dim)
        self.decoder = nn.LSTM(hidden_dim, hidden_dim)
        self.out = nn.Linear(hidden_dim, output_dim)

    def forward(self, source, target):
        _, states = self.encoder(self.encoder_embedding(source))
        h, _ = self.decoder(self.decoder_embedding(target), states)
        return self.out(h)


model = EncoderDecoder(input_dim=12, hidden_dim=32, output_dim=12)
criterion = nn.CrossEntropyLoss()
optimizer = optimizers.Adam(model.parameters())


def compute_loss(t, y):
    return criterion(y, t)


def train_step(x, t):
    model.train()
    preds = model(x, t)
    loss = compute_loss(t.view(-1), preds.view(-1, preds.size(-1)))  # error: TL002
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss, preds


for epoch in range(2):
    x = torch.randint(0, 12, (16, 7))
    t = torch.randint(0, 12, (16, 5))
    x, t = x.t(), t.t()
    loss, _ = train_step(x, t)
