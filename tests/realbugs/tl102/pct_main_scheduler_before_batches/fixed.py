# source: https://github.com/Strawberry-Eat-Mango/PCT_Pytorch/issues/21
# Fixed as the reporter did: scheduler.step() after the train_loader loop.
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.optim.lr_scheduler import CosineAnnealingLR

torch.manual_seed(0)


class Pct(nn.Module):
    def __init__(self, output_channels=4):
        super().__init__()
        self.conv1 = nn.Conv1d(3, 16, kernel_size=1)
        self.linear = nn.Linear(16, output_channels)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        return self.linear(x.max(dim=-1)[0])


def cal_loss(pred, gold):
    return F.cross_entropy(pred, gold)


class Args:
    lr = 0.01
    epochs = 2


def train(args, io):
    train_loader = [(torch.randn(4, 32, 3), torch.randint(0, 4, (4,))) for _ in range(2)]
    model = Pct()
    opt = torch.optim.SGD(model.parameters(), lr=args.lr * 100, momentum=0.9, weight_decay=5e-4)
    scheduler = CosineAnnealingLR(opt, args.epochs, eta_min=args.lr)
    criterion = cal_loss
    for epoch in range(args.epochs):
        train_loss = 0.0
        count = 0.0
        model.train()
        for data, label in train_loader:
            data = data.permute(0, 2, 1)
            batch_size = data.size()[0]
            opt.zero_grad()
            logits = model(data)
            loss = criterion(logits, label)
            loss.backward()
            opt.step()
            count += batch_size
            train_loss += loss.item() * batch_size
        scheduler.step()
        print('Train %d, loss: %.6f' % (epoch, train_loss * 1.0 / count))


train(Args(), None)
