# source: https://github.com/yastrebksv/TennisCourtDetector/issues/7
# The repository's base_trainer.py trains the court keypoint heatmap network:
# a train() function over the loader that moves each batch to the device,
# runs the model, takes an MSE loss on the heatmaps, calls backward() and
# optimizer.step(), with no optimizer.zero_grad() anywhere; the reporter asked
# why, and the maintainer agreed and added it.
import torch
import torch.nn as nn

torch.manual_seed(0)


class CourtNet(nn.Module):
    def __init__(self, out_channels=3):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 4, 3, padding=1)
        self.conv2 = nn.Conv2d(4, out_channels, 3, padding=1)

    def forward(self, x):
        return torch.sigmoid(self.conv2(torch.relu(self.conv1(x))))


def train(model, train_loader, optimizer, criterion, device, epoch, max_iters=1000):
    model.train()
    losses = []
    for iter_id, batch in enumerate(train_loader):
        out = model(batch[0].float().to(device))
        gt_hm_hp = batch[1].float().to(device)
        loss = criterion(out, gt_hm_hp)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        if iter_id > max_iters:
            break
    return sum(losses) / len(losses)


device = "cpu"
model = CourtNet().to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-5, betas=(0.9, 0.999), weight_decay=0)
criterion = nn.MSELoss()
loader = [(torch.randn(2, 3, 8, 8), torch.rand(2, 3, 8, 8)) for _ in range(3)]
print(train(model, loader, optimizer, criterion, device, epoch=0))
