# source: https://github.com/Harry24k/adversarial-attacks-pytorch/issues/2
# Fixed as in the thread: each step starts from a detached image.
import torch
import torch.nn as nn

from deepfool import DeepFool

model = nn.Sequential(nn.Flatten(), nn.Linear(12, 5))
attack = DeepFool(model)
adv = attack(torch.rand(1, 3, 2, 2), torch.tensor([1]))
print(adv.shape)
