# source: https://github.com/deepchem/deepchem/issues/5086
# The fix of the issue and its pull request (deepchem#5087): both calls pass
# training=self.training, so model.eval() turns the dropouts off.
import torch
import torch.nn as nn
import torch.nn.functional as F


class ScScore(nn.Module):
    def __init__(self, n_features=1024, layer_sizes=[300, 300, 300, 300, 300], dropout=0.0, score_scale=5):
        super(ScScore, self).__init__()
        self.n_features = n_features
        self.layer_sizes = layer_sizes
        self.dropout = dropout
        self.score_scale = score_scale

        input_size = self.layer_sizes[0]
        self.input_layer = nn.Linear(self.n_features, input_size)

        self.hidden_layers = nn.ModuleList()
        for layer_size in self.layer_sizes[1:]:
            self.hidden_layers.append(nn.Linear(input_size, layer_size))
            input_size = layer_size

        self.output_layer = nn.Linear(self.layer_sizes[-1], 1)

    def forward(self, inputs):
        x = F.relu(self.input_layer(inputs))
        if self.dropout > 0.0:
            x = F.dropout(x, p=self.dropout, training=self.training)

        for hidden_layer in self.hidden_layers:
            x = F.relu(hidden_layer(x))

            if self.dropout > 0.0:
                x = F.dropout(x, p=self.dropout, training=self.training)

        output = torch.sigmoid(self.output_layer(x))

        output = 1 + (self.score_scale - 1) * output
        return output


torch.manual_seed(0)
model = ScScore(n_features=64, layer_sizes=[32, 32, 32], dropout=0.2)
fingerprints = (torch.rand(8, 64) > 0.5).float()
model.eval()
with torch.no_grad():
    scores = [model(fingerprints) for _ in range(5)]
print(all(torch.equal(scores[0], s) for s in scores))
