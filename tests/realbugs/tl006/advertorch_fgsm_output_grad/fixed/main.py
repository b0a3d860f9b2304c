# source: https://github.com/BorealisAI/advertorch/issues/49
# Fixed as the reporter suggests: the adversarial batch is detached, and made a
# leaf that requires grad, before it is used; its .grad is then filled.
import torch
import torch.nn as nn

from attacks import GradientSignAttack

model = nn.Sequential(nn.Flatten(), nn.Linear(28 * 28, 10))
criterion = nn.CrossEntropyLoss()
adversary = GradientSignAttack(model, eps=0.1)

x = torch.rand(4, 1, 28, 28)
y = torch.randint(0, 10, (4,))
fgsm_tensor = adversary.perturb(x, y).detach().requires_grad_()
loss = criterion(model(fgsm_tensor), y)
loss.backward()
fgsm_grad = fgsm_tensor.grad.clone()
