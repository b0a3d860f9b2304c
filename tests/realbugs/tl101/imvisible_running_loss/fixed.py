# source: https://github.com/samuelyu2002/ImVisible/issues/2
# The fix the maintainer gave: running_loss += loss.item(), and the same for the
# MSE and cross-entropy sums.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
cuda_available = torch.cuda.is_available()
BATCH_SIZE = 4
MAX_EPOCHS = 2


class LYTNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 8, 3, stride=2), nn.ReLU(), nn.AdaptiveAvgPool2d(1))
        self.classes = nn.Linear(8, 5)
        self.direction = nn.Linear(8, 4)

    def forward(self, x):
        h = self.features(x).flatten(1)
        return self.classes(h), self.direction(h)


def my_loss(pred_classes, pred_direc, points, mode):
    MSE = F.mse_loss(pred_direc, points)
    cross_entropy = F.cross_entropy(pred_classes, mode)
    return MSE + 0.5 * cross_entropy, MSE, cross_entropy


train_dataloader = [{"image": torch.rand(BATCH_SIZE, 3, 16, 16), "mode": torch.randint(0, 5, (BATCH_SIZE,)),
                     "points": torch.rand(BATCH_SIZE, 4)} for _ in range(3)]
net = LYTNet()
if cuda_available:
    net = net.cuda()
loss_fn = my_loss
optimizer = torch.optim.Adam(net.parameters(), lr=0.001, weight_decay=0.000005)
train_losses = []

for epoch in range(MAX_EPOCHS):
    net.train()
    running_loss = 0.0
    running_loss_MSE = 0.0
    running_loss_cross_entropy = 0.0
    train_total = 0
    for j, data in enumerate(train_dataloader, 0):
        optimizer.zero_grad()
        train_total += 1
        images = data['image'].type(torch.FloatTensor)
        mode = data['mode']
        points = data['points']
        if cuda_available:
            images = images.cuda()
            mode = mode.cuda()
            points = points.cuda()
        pred_classes, pred_direc = net(images)
        loss, MSE, cross_entropy = loss_fn(pred_classes, pred_direc, points, mode)
        loss.backward()
        optimizer.step()
        running_loss += loss.item()
        running_loss_MSE += MSE.item()
        running_loss_cross_entropy += cross_entropy.item()
    print('Average training loss: ' + str(running_loss / (j + 1)))
    print('Average training MSE loss: ' + str(running_loss_MSE / (j + 1)))
    print('Average training cross entropy loss: ' + str(running_loss_cross_entropy / (j + 1)))
    train_losses.append(running_loss / train_total)
