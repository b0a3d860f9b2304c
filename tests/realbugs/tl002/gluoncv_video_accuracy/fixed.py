# source: https://github.com/dmlc/gluon-cv/issues/1618
# The reporter permuted the video clips to the layout the model expects and then
# used the task utilities' accuracy() on its output.
import torch
import torch.nn as nn


class VideoClassifier(nn.Module):
    def __init__(self, num_classes=8):
        super().__init__()
        self.conv = nn.Conv3d(3, 16, kernel_size=3, padding=1)
        self.pool = nn.AdaptiveAvgPool3d(1)
        self.fc = nn.Linear(16, num_classes)

    def forward(self, x):
        return self.fc(self.pool(torch.relu(self.conv(x))).flatten(1))


def accuracy(output, target, topk=(1,)):
    maxk = max(topk)
    batch_size = target.size(0)
    _, pred = output.topk(maxk, 1, True, True)
    pred = pred.t()
    correct = pred.eq(target.view(1, -1).expand_as(pred))
    res = []
    for k in topk:
        correct_k = correct[:k].reshape(-1).float().sum(0)
        res.append(correct_k.mul_(100.0 / batch_size))
    return res


def validate(model, clips, labels):
    video = clips.permute(0, 2, 1, 3, 4)  # (N, T, C, H, W) -> (N, C, T, H, W)
    with torch.no_grad():
        output = model(video)
    return accuracy(output, labels, topk=(1, 5))


model = VideoClassifier()
validate(model, torch.randn(4, 8, 3, 16, 16), torch.randint(0, 8, (4,)))
