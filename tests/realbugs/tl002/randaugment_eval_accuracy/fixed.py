# source: https://github.com/ildoonet/pytorch-randaugment/issues/26
# metrics.py's accuracy() is called from the evaluation loop of train.py for
# top-1 and top-5 on each batch.
import torch
import torch.nn as nn


def accuracy(output, target, topk=(1,)):
    maxk = max(topk)
    batch_size = target.size(0)
    _, pred = output.topk(maxk, 1, True, True)
    pred = pred.t()
    correct = pred.eq(target.view(1, -1).expand_as(pred))
    res = []
    for k in topk:
        correct_k = correct[:k].reshape(-1).float().sum(0)
        res.append(correct_k.mul_(1.0 / batch_size))
    return res


def run_epoch(model, loader, loss_fn):
    model.eval()
    metrics = {"loss": 0.0, "top1": 0.0, "top5": 0.0}
    with torch.no_grad():
        for data, label in loader:
            preds = model(data)
            loss = loss_fn(preds, label)
            top1, top5 = accuracy(preds, label, (1, 5))
            metrics["loss"] += loss.item() * len(data)
            metrics["top1"] += top1.item() * len(data)
            metrics["top5"] += top5.item() * len(data)
    return metrics


model = nn.Sequential(nn.Flatten(), nn.Linear(3 * 8 * 8, 10))
loader = [(torch.randn(32, 3, 8, 8), torch.randint(0, 10, (32,))) for _ in range(2)]
run_epoch(model, loader, nn.CrossEntropyLoss())
