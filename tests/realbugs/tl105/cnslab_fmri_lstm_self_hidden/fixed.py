# source: https://github.com/sgadgil6/cnslab_fmri/issues/4
# run_training_lstm.py trains an LSTM classifier on fMRI time series. The
# module makes its hidden state once, in __init__ (self.hidden = init_hidden()),
# and forward feeds self.hidden to the LSTM and stores the new state back in
# self.hidden, so the second batch's loss.backward() runs into the first
# batch's freed graph. The fix (the thread's pull request) stops passing the
# stored state: each batch starts from zeros.
import torch
import torch.nn as nn

torch.manual_seed(0)
device = torch.device("cpu")
batch, seq_len, input_dim = 4, 5, 6


class fMRI_LSTM(nn.Module):
    def __init__(self, hidden_dim, input_dim):
        super(fMRI_LSTM, self).__init__()
        self.hidden_dim = hidden_dim
        self.lstm = nn.LSTM(input_dim, hidden_dim, num_layers=1, batch_first=True)
        self.linear = nn.Linear(hidden_dim, 1)
        self.hidden = self.init_hidden()
        self.dropout = nn.Dropout(p=0.2)
        self.activate = nn.Sigmoid()

    def init_hidden(self):
        return (torch.randn(1, batch, self.hidden_dim).to(device), torch.randn(1, batch, self.hidden_dim).to(device))

    def forward(self, x):
        lstm_out, self.hidden = self.lstm(x)
        lstm_out = lstm_out[:, -1, :]
        out = self.dropout(lstm_out)
        return self.activate(self.linear(out))


model = fMRI_LSTM(8, input_dim).to(device)
criterion = nn.BCELoss()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
loader = [(torch.randn(batch, seq_len, input_dim), torch.randint(0, 2, (batch, 1)).float()) for _ in range(3)]
for epoch in range(2):
    for data, label in loader:
        optimizer.zero_grad()
        output = model(data.to(device))
        loss = criterion(output, label.to(device))
        loss.backward()
        optimizer.step()
