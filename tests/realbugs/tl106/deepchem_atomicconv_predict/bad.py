# source: https://github.com/deepchem/deepchem/issues/5092
# DeepChem's AtomicConv: forward runs an atomic convolution on the two
# fragments and the complex, flattens and concatenates them, then for each
# dense layer applies `if dropout > 0: x = F.dropout(x, dropout)` without
# training= (dropouts default to 0.5). The reporter: AtomConvModel.predict()
# on the same dataset twice gives different predictions. The atomic
# convolution is reduced here to radial symmetry functions summed over each
# atom's neighbours.
import torch
import torch.nn as nn
import torch.nn.functional as F


class AtomicConvolution(nn.Module):
    def __init__(self, radial_params):
        super(AtomicConvolution, self).__init__()
        self.radial_params = torch.tensor(radial_params)

    def forward(self, inputs):
        X, Nbrs = inputs
        neighbours = torch.stack([x[n] for x, n in zip(X, Nbrs)])  # (B, N, M, 3)
        R = (neighbours - X.unsqueeze(2)).norm(dim=-1)  # (B, N, M)
        rc, rs, re = self.radial_params.t().reshape(3, -1, 1, 1, 1)
        K = torch.exp(-re * (R - rs) ** 2) * 0.5 * (torch.cos(torch.pi * R / rc) + 1) * (R < rc)
        return K.sum(-1).permute(1, 2, 0)  # (B, N, l)


class AtomicConv(nn.Module):
    def __init__(self, n_tasks, frag1_num_atoms=6, frag2_num_atoms=10, complex_num_atoms=16,
                 radial=[[4.0, 8.0], [0.0, 2.0], [0.4]], layer_sizes=[32], dropouts=0.5,
                 activation_fns=[F.relu]):
        super(AtomicConv, self).__init__()
        self.rp = [(rc, rs, re) for rc in radial[0] for rs in radial[1] for re in radial[2]]
        concat_size = (frag1_num_atoms + frag2_num_atoms + complex_num_atoms) * len(self.rp)
        n_layers = len(layer_sizes)
        if not isinstance(dropouts, list):
            dropouts = [dropouts] * n_layers
        self.activation_fns = activation_fns
        self.dropouts = dropouts
        prev_size = concat_size
        self.layers = nn.ModuleList()
        for size in layer_sizes:
            self.layers.append(nn.Linear(prev_size, size))
            prev_size = size
        self.output = nn.Sequential(nn.Linear(prev_size, n_tasks), nn.Linear(n_tasks, 1))

    def forward(self, inputs):
        flattener = nn.Flatten()
        frag1_conv = AtomicConvolution(radial_params=self.rp)([inputs[0], inputs[1]])
        flattened1 = flattener(frag1_conv)
        frag2_conv = AtomicConvolution(radial_params=self.rp)([inputs[2], inputs[3]])
        flattened2 = flattener(frag2_conv)
        complex_conv = AtomicConvolution(radial_params=self.rp)([inputs[4], inputs[5]])
        flattened3 = flattener(complex_conv)
        inputs_x = torch.cat((flattened1, flattened2, flattened3), dim=1)
        for layer, activation_fn, dropout in zip(self.layers, self.activation_fns, self.dropouts):
            x = layer(inputs_x)
            if dropout > 0:
                x = F.dropout(x, dropout)  # error: TL106
            if activation_fn is not None:
                x = activation_fn(x)
        output = self.output(x)
        return [output]


def predict(model, inputs):
    model.eval()
    with torch.no_grad():
        return model(inputs)[0]


def fragment(batch_size, num_atoms, max_num_neighbors=4):
    X = torch.rand(batch_size, num_atoms, 3) * 6
    Nbrs = torch.randint(num_atoms, (batch_size, num_atoms, max_num_neighbors))
    return [X, Nbrs]


torch.manual_seed(0)
inputs = fragment(4, 6) + fragment(4, 10) + fragment(4, 16)
model = AtomicConv(n_tasks=1)
first = predict(model, inputs)
second = predict(model, inputs)
print(torch.equal(first, second))
