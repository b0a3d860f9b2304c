# source: https://github.com/lufficc/SSD/pull/98
# Fixed as the PR does: the scheduler steps after optimizer.step().
import torch
import torch.nn as nn
from torch.optim.lr_scheduler import _LRScheduler

torch.manual_seed(0)


class WarmupMultiStepLR(_LRScheduler):
    def __init__(self, optimizer, milestones, gamma=0.1, warmup_factor=1.0 / 3, warmup_iters=500, last_epoch=-1):
        self.milestones = milestones
        self.gamma = gamma
        self.warmup_factor = warmup_factor
        self.warmup_iters = warmup_iters
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        warmup_factor = 1
        if self.last_epoch < self.warmup_iters:
            alpha = float(self.last_epoch) / self.warmup_iters
            warmup_factor = self.warmup_factor * (1 - alpha) + alpha
        return [base_lr * warmup_factor * self.gamma ** sum(m <= self.last_epoch for m in self.milestones)
                for base_lr in self.base_lrs]


class SSDDetector(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = nn.Linear(10, 6)
        self.box_head = nn.Linear(6, 4)

    def forward(self, images, targets=None):
        boxes = self.box_head(torch.relu(self.backbone(images)))
        return {"reg_loss": nn.functional.smooth_l1_loss(boxes, targets), "cls_loss": boxes.pow(2).mean()}


def do_train(model, data_loader, optimizer, scheduler, device, start_iter=0):
    model.train()
    for iteration, (images, targets, _) in enumerate(data_loader, start_iter):
        iteration = iteration + 1
        images = images.to(device)
        targets = targets.to(device)
        loss_dict = model(images, targets=targets)
        loss = sum(loss for loss in loss_dict.values())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        scheduler.step()
    return model


model = SSDDetector()
optimizer = torch.optim.SGD(model.parameters(), lr=1e-3, momentum=0.9)
scheduler = WarmupMultiStepLR(optimizer, milestones=[2], warmup_iters=2)
data_loader = [(torch.randn(2, 10), torch.randn(2, 4), None) for _ in range(3)]
do_train(model, data_loader, optimizer, scheduler, torch.device("cpu"))
