# source: https://github.com/Abe404/segmentation_of_roots_in_soil_with_unet/pull/4
# Fixed as in the PR: scheduler.step() after the epoch's batches.
import sys
import time

import numpy as np
import torch
from torch.nn.functional import softmax, cross_entropy
from torch.optim.lr_scheduler import MultiStepLR
from torch.utils.data import DataLoader, Dataset


class UNetTrainDataset(Dataset):
    def __init__(self, n_tiles=8):
        self.n_tiles = n_tiles
        self.assign_new_tiles()

    def assign_new_tiles(self):
        self.tiles = torch.randn(self.n_tiles, 3, 8, 8)
        self.annots = torch.randint(0, 2, (self.n_tiles, 8, 8))

    def __len__(self):
        return self.n_tiles

    def __getitem__(self, i):
        return self.tiles[i], self.annots[i]


class UNetGN(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(3, 8, 3, padding=1)
        self.gn1 = torch.nn.GroupNorm(2, 8)
        self.conv2 = torch.nn.Conv2d(8, 2, 1)

    def forward(self, x):
        return self.conv2(torch.relu(self.gn1(self.conv1(x))))


def combined_loss(outputs, y_batch):
    probs = softmax(outputs, 1)[:, 1]
    dice = 1 - (2 * (probs * y_batch).sum() + 1) / (probs.sum() + y_batch.sum() + 1)
    return cross_entropy(outputs, y_batch) + dice


def kaiming_conv_init(module):
    if isinstance(module, (torch.nn.Conv2d, torch.nn.ConvTranspose2d)):
        torch.nn.init.kaiming_normal_(module.weight.data)


def train_unet(outdir):
    train_loader = DataLoader(UNetTrainDataset(), batch_size=4, shuffle=True, num_workers=0)
    epochs = 2
    cnn = UNetGN()
    cnn.apply(kaiming_conv_init)
    optimizer = torch.optim.SGD(cnn.parameters(), lr=0.01,
                                momentum=0.99, nesterov=True,
                                weight_decay=0.00001)
    scheduler = MultiStepLR(optimizer, milestones=[30, 60, 90], gamma=0.3)
    cnn.cuda()
    global_step = 0

    for epoch in range(1, epochs + 1):
        print("Starting epoch", epoch)
        print("Assigning new tiles")
        train_loader.dataset.assign_new_tiles()
        cnn.train()
        epoch_start = time.time()

        all_preds = []
        all_true = []
        loss_sum = 0

        for step, (x_batch, y_batch) in enumerate(train_loader):
            x_batch = x_batch.cuda()
            y_batch = y_batch.cuda()
            # -- forward + backward + optimize --
            optimizer.zero_grad()
            outputs = cnn(x_batch)
            softmaxed = softmax(outputs, 1)
            root_probs = softmaxed[:, 1, :]
            predicted = root_probs > 0.5
            loss = combined_loss(outputs, y_batch)
            loss.backward()
            optimizer.step()
            all_preds.append(predicted.view(-1).cpu().data.numpy())
            all_true.append(y_batch.view(-1).cpu().numpy())
            loss_sum += loss.cpu().item()
            sys.stdout.write(f"Epoch progress: {step * train_loader.batch_size}/{len(train_loader.dataset)}  \r")
            global_step += 1

        duration = time.time() - epoch_start
        if scheduler:
            scheduler.step()

        print(f"\nTraining: epoch duration: {duration:.1f}")
        loss = loss_sum / len(all_true)
        accuracy = (np.concatenate(all_preds) == np.concatenate(all_true)).mean()
        print('Train', loss, accuracy)


if __name__ == '__main__':
    torch.manual_seed(0)
    train_unet('../output/unet/train_output')
