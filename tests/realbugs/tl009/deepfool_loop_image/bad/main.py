# source: https://github.com/Harry24k/adversarial-attacks-pytorch/issues/2
# The attack is run on a small classifier: each DeepFool step sets
# image.requires_grad = True, but from the second step on the image is the
# previous step's perturbed image, computed from one that required grad.
import torch
import torch.nn as nn

from deepfool import DeepFool

model = nn.Sequential(nn.Flatten(), nn.Linear(12, 5))
attack = DeepFool(model)
adv = attack(torch.rand(1, 3, 2, 2), torch.tensor([1]))
print(adv.shape)
