# source: https://github.com/mit-han-lab/temporal-shift-module/issues/235
# main.py's validate() averages segment predictions of the temporal-shift model
# and measures precision@1 and @5 with accuracy() from ops/utils.py.
import torch
import torch.nn as nn

from utils import AverageMeter, accuracy


class TSN(nn.Module):
    def __init__(self, num_class=10, num_segments=4):
        super().__init__()
        self.num_segments = num_segments
        self.base_model = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.new_fc = nn.Linear(16, num_class)

    def forward(self, input):
        base_out = self.new_fc(self.base_model(input.view((-1, 3) + input.size()[-2:])))
        base_out = base_out.view((-1, self.num_segments) + base_out.size()[1:])
        return base_out.mean(dim=1)


def validate(val_loader, model, criterion):
    top1, top5 = AverageMeter(), AverageMeter()
    model.eval()
    with torch.no_grad():
        for input, target in val_loader:
            output = model(input)
            loss = criterion(output, target)
            prec1, prec5 = accuracy(output.data, target, topk=(1, 5))
            top1.update(prec1.item(), input.size(0))
            top5.update(prec5.item(), input.size(0))
    return top1.sum / top1.count


val_loader = [(torch.randn(8, 4 * 3, 16, 16), torch.randint(0, 10, (8,))) for _ in range(2)]
validate(val_loader, TSN(), nn.CrossEntropyLoss())
