# source: https://github.com/learnables/learn2learn/issues/271
# Meta-training a super-resolution model with MAML: each task clones the
# meta-model, and the reporter freezes the clone's meta block before adapting,
# by setting requires_grad = False on the clone's parameters, which are clones.
import torch
import torch.nn as nn
import torch.nn.functional as F

from maml import MAML


class SRNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.meta_block = nn.Conv2d(1, 4, 3, padding=1)
        self.head = nn.Conv2d(4, 1, 3, padding=1)

    def forward(self, x):
        return self.head(torch.relu(self.meta_block(x)))


maml = MAML(SRNet(), lr=0.01)
opt = torch.optim.Adam(maml.parameters(), lr=1e-3)
low_res = torch.randn(2, 1, 8, 8)
gt = torch.randn(2, 1, 8, 8)

for step in range(2):
    opt.zero_grad()
    task_model = maml.clone()
    output = task_model(low_res)
    adaptation_loss = F.l1_loss(gt, output)
    for name, p in task_model.module.meta_block.named_parameters():
        p.requires_grad = False  # error: TL009
    task_model.adapt(adaptation_loss)
    adapted_output = task_model(low_res)
    evaluation_loss = F.l1_loss(gt, adapted_output)
    evaluation_loss.backward()
    opt.step()
