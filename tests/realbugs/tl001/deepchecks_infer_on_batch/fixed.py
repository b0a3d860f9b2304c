# source: https://github.com/deepchecks/deepchecks/issues/1332
# A performance check runs the user's model over batches and converts the
# predictions to numpy; it fails for a model whose output still carries grad.
import numpy as np
import torch
import torch.nn as nn


class SmallCNN(nn.Module):
    def __init__(self, num_classes=4):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1))
        self.fc = nn.Linear(8, num_classes)

    def forward(self, x):
        return self.fc(self.features(x).flatten(1))


def infer_on_batch(batch, model):
    return nn.Softmax(dim=1)(model(batch[0]))


def per_class_accuracy(model, batches, num_classes=4):
    correct = np.zeros(num_classes)
    total = np.zeros(num_classes)
    for batch in batches:
        probs = infer_on_batch(batch, model)
        preds = np.argmax(probs.detach().cpu().numpy(), axis=1)
        labels = batch[1].numpy()
        for c in range(num_classes):
            mask = labels == c
            correct[c] += (preds[mask] == c).sum()
            total[c] += mask.sum()
    return correct / np.maximum(total, 1)


batches = [(torch.rand(8, 3, 16, 16), torch.randint(0, 4, (8,))) for _ in range(2)]
per_class_accuracy(SmallCNN(), batches)
