# source: https://github.com/open-mmlab/mmpretrain/pull/104
# The Accuracy metric module takes the top-k predictions, transposes them to
# (k, N) and flattens the first k rows of the comparison with .view(-1).
import torch
import torch.nn as nn


def accuracy_torch(pred, target, topk=(1,)):
    maxk = max(topk)
    num = pred.size(0)
    _, pred_label = pred.topk(maxk, dim=1)
    pred_label = pred_label.t()
    correct = pred_label.eq(target.view(1, -1).expand_as(pred_label))
    res = []
    for k in topk:
        correct_k = correct[:k].reshape(-1).float().sum(0, keepdim=True)
        res.append(correct_k.mul_(100.0 / num))
    return res


class Accuracy(nn.Module):
    def __init__(self, topk=(1,)):
        super().__init__()
        self.topk = topk

    def forward(self, pred, target):
        return accuracy_torch(pred, target, self.topk)


classifier = nn.Linear(32, 10)
metric = Accuracy(topk=(1, 5))
with torch.no_grad():
    logits = classifier(torch.randn(16, 32))
top1, top5 = metric(logits, torch.randint(0, 10, (16,)))
