# source: https://github.com/MorvanZhou/PyTorch-Tutorial/issues/57
# The RNN regression tutorial (403) predicts cos from sin, one window per step,
# handing the hidden state h_state from one step to the next. The reporter
# commented out `h_state = h_state.data` and the second step's backward failed.
import math

import torch
import torch.nn as nn

TIME_STEP = 10
INPUT_SIZE = 1
LR = 0.02


class RNN(nn.Module):
    def __init__(self):
        super(RNN, self).__init__()
        self.rnn = nn.RNN(input_size=INPUT_SIZE, hidden_size=32, num_layers=1, batch_first=True)
        self.out = nn.Linear(32, 1)

    def forward(self, x, h_state):
        r_out, h_state = self.rnn(x, h_state)
        outs = []
        for time_step in range(r_out.size(1)):
            outs.append(self.out(r_out[:, time_step, :]))
        return torch.stack(outs, dim=1), h_state


rnn = RNN()
optimizer = torch.optim.Adam(rnn.parameters(), lr=LR)
loss_func = nn.MSELoss()

h_state = None
for step in range(3):
    start, end = step * math.pi, (step + 1) * math.pi
    steps = torch.linspace(start, end, TIME_STEP)
    x = torch.sin(steps)[None, :, None]
    y = torch.cos(steps)[None, :, None]

    prediction, h_state = rnn(x, h_state)
    # h_state = h_state.data

    loss = loss_func(prediction, y)
    optimizer.zero_grad()
    loss.backward()  # error: TL105
    optimizer.step()
