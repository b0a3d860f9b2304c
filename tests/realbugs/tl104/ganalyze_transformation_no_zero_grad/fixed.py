# source: https://github.com/LoreGoetschalckx/GANalyze/issues/7
# Fixed as the script later reads: optimizer.zero_grad() at the top of each batch.
import numpy as np
import torch
import torch.nn as nn
import torch.optim as optim

torch.manual_seed(0)
np.random.seed(0)
dim_z, batch_size, num_samples = 8, 4, 12


class OneDirection(nn.Module):
    def __init__(self, dim_z):
        super().__init__()
        self.w = nn.Parameter(torch.randn(1, dim_z))

    def transform(self, z, step_sizes):
        return z + step_sizes * self.w

    def compute_loss(self, current, target):
        return torch.mean((current - target) ** 2)


generator = nn.Linear(dim_z, 16)
assessor = nn.Sequential(nn.Linear(16, 1), nn.Sigmoid())
for p in generator.parameters():
    p.requires_grad = False
for p in assessor.parameters():
    p.requires_grad = False
transformation = OneDirection(dim_z)
optimizer = optim.Adam(transformation.parameters(), lr=0.0002)
zs = np.random.randn(num_samples, dim_z).astype(np.float32)

for batch_start in range(0, num_samples, batch_size):
    optimizer.zero_grad()
    z = torch.from_numpy(zs[batch_start:batch_start + batch_size])
    step_sizes = torch.rand(batch_size, 1) - 0.5
    out_scores = assessor(generator(z))
    target_scores = out_scores + step_sizes
    z_transformed = transformation.transform(z, step_sizes)
    out_scores_transformed = assessor(generator(z_transformed))
    loss = transformation.compute_loss(out_scores_transformed, target_scores)
    loss.backward()
    optimizer.step()
    print(batch_start, loss.item())
