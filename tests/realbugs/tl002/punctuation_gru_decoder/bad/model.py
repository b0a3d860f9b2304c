# source: https://github.com/geyang/deep-auto-punctuation/issues/3
import torch
import torch.nn as nn
import torch.nn.functional as F


class GruRNN(nn.Module):
    def __init__(self, input_size, hidden_size, output_size, batch_size=1, layers=1, bi=False):
        super().__init__()
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.output_size = output_size
        self.batch_size = batch_size
        self.layers = layers
        self.bi_mul = 2 if bi else 1
        self.gru = nn.GRU(input_size, hidden_size, self.layers, bidirectional=bi, batch_first=True)
        self.decoder = nn.Linear(hidden_size * self.bi_mul, output_size)
        self.softmax = F.softmax

    def forward(self, x, hidden):
        gru_output, hidden = self.gru(x, hidden.view(self.layers * self.bi_mul, -1, self.hidden_size))
        gru_output.contiguous()
        output = self.decoder(gru_output.view(-1, self.hidden_size * self.bi_mul))  # error: TL002
        return output.view(self.batch_size, -1, self.output_size), hidden

    def init_hidden(self):
        return torch.zeros(self.layers * self.bi_mul, self.batch_size, self.hidden_size)
