# source: https://github.com/bubbliiiing/yolo3-pytorch/issues/3
# The fix the reporter gave: total_loss += loss.item().
import torch
import torch.nn as nn


class YOLOLoss(nn.Module):
    def __init__(self, index):
        super().__init__()
        self.index = index

    def forward(self, output, targets):
        loss = ((output - targets[self.index]) ** 2).mean()
        return loss, output.numel()


class YoloBody(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = nn.Conv2d(3, 8, 3, padding=1)
        self.heads = nn.ModuleList([nn.Conv2d(8, 6, 1) for _ in range(3)])

    def forward(self, x):
        h = torch.relu(self.backbone(x))
        return [head(h) for head in self.heads]


def fit_one_epoch(net, yolo_losses, optimizer, epoch, epoch_size, gen, Epoch, cuda):
    total_loss = 0
    net.train()
    for iteration, batch in enumerate(gen):
        if iteration >= epoch_size:
            break
        images, targets = batch[0], batch[1]
        if cuda:
            images = images.cuda()
            targets = [ann.cuda() for ann in targets]
        optimizer.zero_grad()
        outputs = net(images)
        losses = []
        for i in range(3):
            loss_item = yolo_losses[i](outputs[i], targets)
            losses.append(loss_item[0])
        loss = sum(losses)
        loss.backward()
        optimizer.step()
        total_loss += loss.item()
        print('Epoch %d/%d iter %d total_loss %.4f' % (epoch + 1, Epoch, iteration, total_loss / (iteration + 1)))
    return total_loss


torch.manual_seed(0)
net = YoloBody()
yolo_losses = [YOLOLoss(i) for i in range(3)]
optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
gen = [(torch.rand(2, 3, 8, 8), [torch.rand(2, 6, 8, 8) for _ in range(3)]) for _ in range(3)]
fit_one_epoch(net, yolo_losses, optimizer, 0, 3, gen, 1, False)
