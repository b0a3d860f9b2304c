# source: https://github.com/MIC-DKFZ/nnUNet/issues/2743
# nnU-Net's trainer steps its lr scheduler in on_train_epoch_start() with the
# current epoch, before run_training() calls train_step() (zero_grad, forward,
# loss, backward, clip, optimizer.step()) for the epoch's iterations. Its own
# PolyLR overrides step() and never warned; the reporter's AdamW with a custom
# warm-up cosine schedule (torch's step(), written here as a LambdaLR) warns.
import math

import torch
import torch.nn as nn

torch.manual_seed(0)


class nnUNetTrainer:
    def __init__(self, num_epochs=2, num_iterations_per_epoch=2, warmup=1):
        self.network = nn.Sequential(nn.Linear(6, 8), nn.ReLU(), nn.Linear(8, 3))
        self.loss = nn.CrossEntropyLoss()
        self.num_epochs = num_epochs
        self.num_iterations_per_epoch = num_iterations_per_epoch
        self.current_epoch = 0
        self.optimizer = torch.optim.AdamW(self.network.parameters(), lr=1e-3, weight_decay=3e-5)
        self.lr_scheduler = torch.optim.lr_scheduler.LambdaLR(
            self.optimizer, lambda e: (e + 1) / warmup if e < warmup else 0.5 * (1 + math.cos(math.pi * e / num_epochs)))
        self.dataloader_train = [(torch.randn(4, 6), torch.randint(0, 3, (4,))) for _ in range(num_iterations_per_epoch)]

    def on_train_epoch_start(self):
        self.network.train()
        self.lr_scheduler.step(self.current_epoch)  # error: TL102

    def train_step(self, batch):
        data, target = batch
        self.optimizer.zero_grad(set_to_none=True)
        output = self.network(data)
        l = self.loss(output, target)
        l.backward()
        torch.nn.utils.clip_grad_norm_(self.network.parameters(), 12)
        self.optimizer.step()
        return l.item()

    def run_training(self):
        for epoch in range(self.current_epoch, self.num_epochs):
            self.on_train_epoch_start()
            train_outputs = []
            for batch_id in range(self.num_iterations_per_epoch):
                train_outputs.append(self.train_step(self.dataloader_train[batch_id]))
            self.current_epoch = epoch + 1


nnUNetTrainer().run_training()
