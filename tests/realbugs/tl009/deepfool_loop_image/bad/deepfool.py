# source: https://github.com/Harry24k/adversarial-attacks-pytorch/issues/2
import torch
import torch.nn as nn


class DeepFool(nn.Module):
    def __init__(self, model, steps=3, overshoot=0.02):
        super().__init__()
        self.model = model
        self.steps = steps
        self.overshoot = overshoot

    def forward(self, images, labels):
        image = images.clone()
        for _ in range(self.steps):
            image.requires_grad = True  # error: TL009
            output = self.model(image)[0]
            label = labels[0]
            others = output.clone()
            others[label] = float('-inf')
            target = others.argmax()
            f = output[target] - output[label]
            grad = torch.autograd.grad(f, image)[0]
            r = (f.abs() + 1e-4) * grad / (grad.norm() ** 2)
            image = torch.clamp(image + (1 + self.overshoot) * r, 0, 1)
        return image
