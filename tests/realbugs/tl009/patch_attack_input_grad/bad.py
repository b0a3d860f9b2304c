# source: https://winterwindwang.github.io/2023/09/21/grad_update.html
# A blogger compares two ways of getting a patch attack's gradient. In the
# second, the patch (a leaf that requires grad) is resized and pasted into the
# images with a mask, and the pasted images are then marked requires_grad = True
# to take the gradient with respect to them.
import torch
import torch.nn as nn
import torch.nn.functional as F

model = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(4, 10))
criterion = nn.CrossEntropyLoss()

patch = torch.rand((1, 3, 5, 5))
patch.requires_grad = True

mask = torch.zeros((1, 3, 16, 16))
mask[:, :, 6:11, 6:11] = 1
inputs = torch.ones((1, 3, 16, 16))
label = torch.tensor([1])
patch_resized = F.interpolate(patch, (16, 16))

input_patch = inputs * (1 - mask) + patch_resized * mask
input_patch.requires_grad = True  # error: TL009

output = model(input_patch)
loss = criterion(output, label)
grad_2 = torch.autograd.grad(loss, input_patch)[0]
grad_2_patch = grad_2[:, :, 6:11, 6:11]
print((grad_2_patch.sign() == 1).sum().item())
