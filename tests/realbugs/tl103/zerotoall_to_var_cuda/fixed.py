# source: https://github.com/hunkim/PyTorchZeroToAll/pull/6
# The PR's fix: assign the moved tensor, x = x.cuda().
import torch
import torch.nn as nn
from torch.autograd import Variable

torch.manual_seed(777)
use_cuda = True  # the tutorial's run: on a GPU

idx2char = ['h', 'i', 'e', 'l', 'o']
x_one_hot = [[[1, 0, 0, 0, 0], [0, 1, 0, 0, 0], [1, 0, 0, 0, 0],
              [0, 0, 1, 0, 0], [0, 0, 0, 1, 0], [0, 0, 0, 1, 0]]]
y_data = [1, 0, 2, 3, 3, 4]


def to_var(x):
    if use_cuda:
        x = x.cuda()
    return Variable(x)


inputs = to_var(torch.Tensor(x_one_hot))
labels = to_var(torch.LongTensor(y_data))

num_classes = 5
hidden_size = 5
num_layers = 1


class RNN(nn.Module):
    def __init__(self, num_classes, hidden_size, num_layers):
        super(RNN, self).__init__()
        self.num_layers = num_layers
        self.hidden_size = hidden_size
        self.rnn = nn.RNN(input_size=5, hidden_size=5, batch_first=True)

    def forward(self, x):
        h_0 = to_var(torch.zeros(self.num_layers, x.size(0), self.hidden_size))
        out, _ = self.rnn(x, h_0)
        return out.view(-1, num_classes)


rnn = RNN(num_classes, hidden_size, num_layers)
if use_cuda:
    rnn.cuda()
criterion = torch.nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(rnn.parameters(), lr=0.1)

for epoch in range(3):
    outputs = rnn(inputs)
    optimizer.zero_grad()
    loss = criterion(outputs, labels)
    loss.backward()
    optimizer.step()
    _, idx = outputs.max(1)
    idx = idx.data.cpu().numpy()
    result_str = [idx2char[c] for c in idx.squeeze()]
    print("epoch: %d, loss: %1.3f" % (epoch + 1, loss.item()), ''.join(result_str))
