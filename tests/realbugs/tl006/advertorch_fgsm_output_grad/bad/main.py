# source: https://github.com/BorealisAI/advertorch/issues/49
# The reporter takes the FGSM attack's adversarial batch, runs the model on it,
# backpropagates, and wants the gradient with respect to the adversarial batch;
# it is None (the attack returns a computed tensor, not a leaf), where the PGD
# attack's result works.
import torch
import torch.nn as nn

from attacks import GradientSignAttack

model = nn.Sequential(nn.Flatten(), nn.Linear(28 * 28, 10))
criterion = nn.CrossEntropyLoss()
adversary = GradientSignAttack(model, eps=0.1)

x = torch.rand(4, 1, 28, 28)
y = torch.randint(0, 10, (4,))
fgsm_tensor = adversary.perturb(x, y)
loss = criterion(model(fgsm_tensor), y)
loss.backward()
fgsm_grad = fgsm_tensor.grad.clone()  # error: TL006
