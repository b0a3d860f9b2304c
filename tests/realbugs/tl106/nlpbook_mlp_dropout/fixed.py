# source: https://github.com/delip/PyTorchNLPBook/issues/28
# The fix the reporter gives: F.dropout(xx, p=0.5, training=self.training).
import torch
import torch.nn as nn
import torch.nn.functional as F


class MultilayerPerceptron(nn.Module):
    def __init__(self, input_dim, hidden_dim, output_dim):
        super(MultilayerPerceptron, self).__init__()
        self.fc1 = nn.Linear(input_dim, hidden_dim)
        self.fc2 = nn.Linear(hidden_dim, output_dim)

    def forward(self, x_in, apply_softmax=False):
        intermediate = F.relu(self.fc1(x_in))
        output = self.fc2(F.dropout(intermediate, p=0.5, training=self.training))

        if apply_softmax:
            output = F.softmax(output, dim=1)
        return output


batch_size = 2  # number of samples input at once
input_dim = 3
hidden_dim = 100
output_dim = 4

torch.manual_seed(0)
mlp = MultilayerPerceptron(input_dim, hidden_dim, output_dim)
x_input = torch.rand(batch_size, input_dim)
mlp.eval()
y_output = mlp(x_input, apply_softmax=False)
y_output_again = mlp(x_input, apply_softmax=False)
print(torch.equal(y_output, y_output_again))
